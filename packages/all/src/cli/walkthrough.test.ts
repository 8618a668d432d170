import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Tensor } from '@interop/core';
import { allclose } from '@interop/runtime';
import { loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { defaultInterop } from '../default-interop.js';
import { main } from './main.js';

// The "Real models" walkthrough of docs/cli.md, run as written on the files it names: the
// trees_cli fixtures, saved by the real frameworks.
const docs = readFileSync(new URL('../../../../docs/cli.md', import.meta.url), 'utf8');
const section = docs.slice(docs.indexOf('## Real models'), docs.indexOf('\n## ', docs.indexOf('## Real models') + 1));
const dir = mkdtempSync(join(tmpdir(), 'interop-walkthrough-'));

const fixture = (name: string) => loadFixture('trees_cli', name);
const checkpointOf = (name: string) =>
  join(dirname(fixture(name).path), (fixture(name).manifest.files as Record<string, string>).checkpoint!);
const FILES: Record<string, string> = {
  'cnn.msgpack': 'linen_cnn',
  'nnx_template.msgpack': 'nnx_cnn_template',
  'cnn.eqx': 'equinox_cnn',
  'linen_template.msgpack': 'linen_eqx_cnn_template',
};
for (const [file, name] of Object.entries(FILES)) copyFileSync(checkpointOf(name), join(dir, file));

/** Splits a command line as a shell does, with single quotes. */
function words(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

interface Step {
  argv: string[];
  exit: number;
  expected: string[];
}

/** Every `interop convert` line of the section's sh blocks, with the output block after it. */
function steps(): Step[] {
  const blocks = [...section.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1]!, body: m[2]! }));
  return blocks.flatMap((block, i) => {
    if (block.lang !== 'sh') return [];
    const next = blocks[i + 1];
    const expected = next && next.lang === '' ? next.body.split('\n').filter((l) => l !== '' && l !== '...') : [];
    return block.body
      .split('\n')
      .filter((l) => l.startsWith('interop convert'))
      .map((line) => {
        const [command, exits] = line.split('  # exits ');
        return { argv: words(command!).slice(1), exit: exits === undefined ? 0 : Number(exits), expected };
      });
  });
}

const inDir = (argv: string[]) => argv.map((a, i) => (i === 1 || /\.(msgpack|eqx|json)$/.test(a) ? join(dir, a) : a));

describe('docs/cli.md: real models', () => {
  it('shows the specs of the fixtures, as JSON the CLI reads', () => {
    const files = [...section.matchAll(/<!-- file: (\S+) -->\n```json\n([\s\S]*?)```/g)];
    expect(files.map((m) => m[1])).toEqual(['cnn.arch.json', 'cnn.eqx.arch.json']);
    const specs = [fixture('linen_cnn').manifest.spec, fixture('equinox_cnn').manifest.spec];
    files.forEach((m, i) => {
      expect(JSON.parse(m[2]!)).toEqual(specs[i]);
      writeFileSync(join(dir, m[1]!), m[2]!);
    });
  });

  it('runs every command as written, with the exit code and the lines shown', async () => {
    const all = steps();
    expect(all.length).toBeGreaterThanOrEqual(8);
    for (const step of all) {
      const lines: string[] = [];
      const io = {
        out: (l: string) => lines.push(l.split(`${dir}/`).join('')),
        err: (l: string) => lines.push(l.split(`${dir}/`).join('')),
      };
      expect(await main(inDir(step.argv), io), step.argv.join(' ')).toBe(step.exit);
      for (const want of step.expected) {
        const prefix = want.endsWith(' ...') ? want.slice(0, -4) : undefined;
        expect(
          lines.some((l) => (prefix ? l.startsWith(prefix) : l === want)),
          `${step.argv.join(' ')}\n  missing: ${want}\n  got:\n${lines.join('\n')}`,
        ).toBe(true);
      }
    }
  });

  it('wrote files that compute what the Python models computed', () => {
    for (const [file, to, source] of [
      ['exact.nnx.msgpack', 'nnx', 'linen_cnn'],
      ['cnn.linen.msgpack', 'linen', 'equinox_cnn'],
    ] as const) {
      const path = join(dir, file);
      const files = defaultInterop().files(to);
      const { model } = files.read(new Uint8Array(readFileSync(path)), 'msgpack', JSON.parse(readFileSync(`${path}.arch.json`, 'utf8')));
      const { input, output } = fixture(source).arrays as Record<string, Tensor>;
      expect(allclose(files.forward(model, input!), output!, { atol: 1e-5, rtol: 1e-5 }), file).toBe(true);
    }
    // Refused commands left nothing behind.
    for (const file of ['strict.nnx.msgpack', 'unknown.linen.msgpack', 'misfit.msgpack']) expect(existsSync(join(dir, file))).toBe(false);
  });
});
