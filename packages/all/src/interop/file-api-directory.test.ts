// interop.load / interop.save with Orbax checkpoint directories: the golden NNX State and pure
// dict Orbax wrote, a missing CheckpointManager step, NNX and Linen saved as Orbax and loaded back
// (spec from DIR.arch.json), and the refusals.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Tensor } from '@interop/core';
import { allclose } from '@interop/runtime';
import { listFixtures, loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { defaultInterop } from '../default-interop.js';

const interop = defaultInterop();
const root = mkdtempSync(join(tmpdir(), 'interop-file-api-orbax-'));

function materialize(name: string): string {
  const fixture = loadFixture('orbax', name);
  const dir = join(mkdtempSync(join(root, `${name}-`)), 'ckpt');
  for (const rel of Object.keys(fixture.manifest.files as Record<string, string>)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), fixture.file(rel));
  }
  return dir;
}

const run = (framework: string, model: unknown, input: Tensor) => interop.registry().filesOf(framework)!.forward(model, input);
const x = Tensor.fromArray(
  Array.from({ length: 8 }, (_, i) => i / 4 - 1),
  [2, 4],
  'float32',
);

describe('interop.load of an Orbax directory', () => {
  it('an nnx.State and a pure dict saved by Orbax load into models that compute the same, files closed', async () => {
    const state = await interop.load(materialize('nnx-state'), { framework: 'nnx' });
    const pure = await interop.load(materialize('nnx-pure-dict'), { framework: 'nnx' });
    expect([state.format, pure.format]).toEqual(['orbax', 'orbax']);
    expect(state.spec).toEqual(pure.spec);
    const y = run('nnx', state.model, x);
    expect(allclose(y, run('nnx', pure.model, x), { atol: 0, rtol: 0 })).toBe(true);
  });

  it('a missing CheckpointManager step is refused, naming the steps', async () => {
    const dir = materialize('manager');
    await expect(interop.load(dir, { framework: 'linen', step: 7 })).rejects.toMatchObject({
      code: 'E_FORMAT_MISMATCH',
      message: expect.stringContaining('no step 7'),
    });
  });

  it('a directory for a framework without directory formats is refused', async () => {
    await expect(interop.load(materialize('nnx-state'), { framework: 'equinox' })).rejects.toMatchObject({
      code: 'E_FORMAT_MISMATCH',
      message: expect.stringContaining('equinox checkpoints are files (eqx)'),
    });
  });
});

describe("interop.save(model, dir, { format: 'orbax' })", () => {
  it.each([
    ['trees_nnx', 'nnx'],
    ['trees_linen', 'linen'],
  ] as const)('%s: written as a directory beside DIR.arch.json, loaded back computing like the framework', async (group, framework) => {
    for (const name of listFixtures(group).slice(0, 3)) {
      const fixture = loadFixture(group, name);
      const loaded = await interop.load(fixture.file('checkpoint'), { framework, spec: fixture.manifest.spec });
      const dir = join(root, `${group}-${name}`);
      const saved = await interop.save(loaded.model, dir, { framework, format: 'orbax' });
      expect([saved.format, saved.path, saved.archPath, saved.bytes.length]).toEqual(['orbax', dir, `${dir}.arch.json`, 0]);
      expect(readdirSync(dir)).toContain('_METADATA');
      const back = await interop.load(dir, { framework });
      expect(back.assumed).toEqual([]);
      const y = run(framework, back.model, fixture.arrays.input!);
      expect(allclose(y, fixture.arrays.output!, fixture.manifest.tolerance!), `${group}/${name}`).toBe(true);
    }
  });

  it('refuses an existing directory, and a directory format without a path', async () => {
    const fixture = loadFixture('trees_nnx', listFixtures('trees_nnx')[0]!);
    const { model } = await interop.load(fixture.file('checkpoint'), { framework: 'nnx', spec: fixture.manifest.spec });
    const dir = join(root, 'exists');
    mkdirSync(dir);
    await expect(interop.save(model, dir, { framework: 'nnx', format: 'orbax' })).rejects.toMatchObject({ code: 'E_IO' });
    expect(existsSync(`${dir}.arch.json`)).toBe(false);
    await expect(interop.save(model, null, { framework: 'nnx', format: 'orbax' })).rejects.toMatchObject({
      code: 'E_INVALID_ARGUMENT',
      message: expect.stringContaining('orbax checkpoints are directories'),
    });
  });
});
