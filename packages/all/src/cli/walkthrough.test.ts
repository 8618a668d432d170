import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Tensor } from '@interop/core';
import { allclose } from '@interop/runtime';
import { loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { defaultInterop } from '../default-interop.js';
import { copyCheckpoint, runStep, section as docSection, steps, tempDir } from './__fixtures__/cli-docs.js';

// The "Real models" walkthrough of docs/cli.md, run as written on the files it names: the
// trees_cli fixtures, saved by the real frameworks.
const section = docSection('Real models');
const dir = tempDir('walkthrough');

const fixture = (name: string) => loadFixture('trees_cli', name);
const FILES: Record<string, string> = {
  'cnn.msgpack': 'linen_cnn',
  'nnx_template.msgpack': 'nnx_cnn_template',
  'cnn.eqx': 'equinox_cnn',
  'linen_template.msgpack': 'linen_eqx_cnn_template',
};
for (const [file, name] of Object.entries(FILES)) copyCheckpoint('trees_cli', name, dir, file);

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
    const all = steps(section, 'convert');
    expect(all.length).toBeGreaterThanOrEqual(8);
    for (const step of all) await runStep(step, dir);
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
