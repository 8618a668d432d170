import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * Replaces the `## <title>` section of a markdown file (up to the next `## ` heading), or appends
 * it, leaving every other section as it is.
 */
export function writeSection(path: string, title: string, body: string): void {
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '# Performance\n';
  const heading = `## ${title}`;
  const section = `${heading}\n\n${body.trim()}\n`;
  const start = text.indexOf(`${heading}\n`);
  if (start < 0) {
    writeFileSync(path, `${text.trimEnd()}\n\n${section}`);
    return;
  }
  const next = text.indexOf('\n## ', start + heading.length);
  const end = next < 0 ? text.length : next + 1;
  writeFileSync(path, `${text.slice(0, start)}${section}${next < 0 ? '' : '\n'}${text.slice(end)}`);
}
