import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadFixture } from '@interop/testing';
import { expect } from 'vitest';
import { main } from '../main.js';

/** docs/cli.md as committed. */
export const cliDocs = readFileSync(new URL('../../../../../docs/cli.md', import.meta.url), 'utf8');

/** The text of the `## heading` section of docs/cli.md, up to the next `## `. */
export function section(heading: string): string {
  const start = cliDocs.indexOf(`## ${heading}`);
  if (start < 0) throw new Error(`docs/cli.md has no section '## ${heading}'`);
  const end = cliDocs.indexOf('\n## ', start + 1);
  return cliDocs.slice(start, end < 0 ? undefined : end);
}

/** A fresh temp dir for one test file's copies. */
export const tempDir = (prefix: string) => mkdtempSync(join(tmpdir(), `interop-${prefix}-`));

/** Copies the checkpoint file of golden fixture `group/name` into `dir` as `file`. */
export function copyCheckpoint(group: string, name: string, dir: string, file: string): void {
  const fixture = loadFixture(group, name);
  copyFileSync(join(dirname(fixture.path), (fixture.manifest.files as Record<string, string>).checkpoint!), join(dir, file));
}

/** Splits a command line as a shell does, with single quotes. */
export function words(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

/** One `interop` line of an sh block: its arguments, the exit code the doc states, the output block after it. */
export interface Step {
  argv: string[];
  exit: number;
  expected: string[];
}

/** Every `interop <command>` line (`interop convert` with `command`) of `text`'s sh blocks, with the output block after each block. */
export function steps(text: string, command = ''): Step[] {
  const blocks = [...text.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1]!, body: m[2]! }));
  return blocks.flatMap((block, i) => {
    if (block.lang !== 'sh') return [];
    const next = blocks[i + 1];
    const expected = next && next.lang === '' ? next.body.split('\n').filter((l) => l !== '' && l !== '...') : [];
    return block.body
      .split('\n')
      .filter((l) => l.startsWith(`interop ${command}`))
      .map((line) => {
        const [commandLine, exits] = line.split('  # exits ');
        return { argv: words(commandLine!).slice(1), exit: exits === undefined ? 0 : Number(exits), expected };
      });
  });
}

/** The arguments with each file name (`.msgpack`, `.eqx`, `.json`) put in `dir`. */
export const inDir = (argv: string[], dir: string) => argv.map((a) => (/\.(msgpack|eqx|json)$/.test(a) ? join(dir, a) : a));

/**
 * Runs a step on the files in `dir` (from `cwd`, where plugins are found) and checks its exit code
 * and that each line the doc shows was printed (`prefix ...` matches the start of a line); returns
 * the printed lines, `dir` left out of paths.
 */
export async function runStep(step: Step, dir: string, cwd?: string): Promise<string[]> {
  const lines: string[] = [];
  const io = {
    out: (l: string) => lines.push(l.split(`${dir}/`).join('')),
    err: (l: string) => lines.push(l.split(`${dir}/`).join('')),
  };
  expect(await main(inDir(step.argv, dir), io, cwd ? { cwd } : {}), step.argv.join(' ')).toBe(step.exit);
  for (const want of step.expected) {
    const prefix = want.endsWith(' ...') ? want.slice(0, -4) : undefined;
    expect(
      lines.some((l) => (prefix ? l.startsWith(prefix) : l === want)),
      `${step.argv.join(' ')}\n  missing: ${want}\n  got:\n${lines.join('\n')}`,
    ).toBe(true);
  }
  return lines;
}
