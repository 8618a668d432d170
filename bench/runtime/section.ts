import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * Replaces (or appends) the `## <title>` section of a markdown file, leaving other sections as
 * they are; the section's hand-written prose above a `<!-- bench -->` marker is kept.
 */
export function writeSection(path: string, title: string, body: string): void {
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '# Performance\n';
  const heading = `## ${title}\n`;
  const start = text.indexOf(heading);
  const marker = '<!-- bench -->\n';
  if (start < 0) {
    writeFileSync(path, `${text.trimEnd()}\n\n${heading}\n${marker}${body}\n`);
    return;
  }
  const next = text.indexOf('\n## ', start + heading.length);
  const end = next < 0 ? text.length : next + 1;
  const section = text.slice(start, end);
  const keep = section.includes(marker) ? section.slice(0, section.indexOf(marker)) : `${heading}\n`;
  writeFileSync(path, `${text.slice(0, start)}${keep}${marker}${body}\n${next < 0 ? '' : `\n${text.slice(end)}`}`);
}
