// NNX through Orbax directories: the golden State and pure-dict checkpoints Orbax wrote read into
// the same model, and what writeTree gives is the State Orbax saved (same arrays, paths, dtypes).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Tensor } from '@interop/core';
import { orbaxCodec } from '@interop/formats';
import { listFixtures, loadFixture } from '@interop/testing';
import { allclose } from '@interop/runtime';
import { afterAll, describe, expect, it } from 'vitest';
import { nnxFiles } from './files-part.js';

const root = mkdtempSync(join(tmpdir(), 'nnx-orbax-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function materialize(name: string): string {
  const fixture = loadFixture('orbax', name);
  const dir = join(root, name);
  for (const rel of Object.keys(fixture.manifest.files as Record<string, string>)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), fixture.file(rel));
  }
  return dir;
}

async function readOrbax(name: string, spec?: unknown) {
  const opened = await orbaxCodec.open(materialize(name));
  return { opened, loaded: nnxFiles.readTree!(opened.tree, 'orbax', spec) };
}

describe('NNX files: Orbax directories', () => {
  it('lists the orbax directory codec, never as the default output', () => {
    expect(nnxFiles.directories?.map((c) => c.id)).toEqual(['orbax']);
    expect(nnxFiles.formats[0]!.id).toBe('msgpack');
  });

  it('an nnx.State saved with StandardCheckpointer and its pure dict read into the same inferred model', async () => {
    const state = await readOrbax('nnx-state');
    const pure = await readOrbax('nnx-pure-dict');
    expect(state.loaded.spec).toEqual(pure.loaded.spec);
    expect(state.loaded.assumed.length).toBeGreaterThan(0);
    const x = Tensor.fromArray(
      Array.from({ length: 8 }, (_, i) => i / 8 - 0.5),
      [2, 4],
      'float32',
    );
    const a = nnxFiles.forward(state.loaded.model, x);
    expect(allclose(a, nnxFiles.forward(pure.loaded.model, x), { atol: 0, rtol: 0 })).toBe(true);
    // The State the model writes is the one Orbax saved: the same arrays, paths, dtypes and shapes.
    const written = nnxFiles.writeTree!(state.loaded.model, 'orbax');
    expect(orbaxCodec.arrays(written.tree)).toEqual(state.opened.arrays());
    // ... and reads back into a model that computes the same.
    const back = nnxFiles.readTree!(written.tree, 'orbax', written.spec);
    expect(allclose(nnxFiles.forward(back.model, x), a, { atol: 0, rtol: 0 })).toBe(true);
    await state.opened.close();
    await pure.opened.close();
  });

  it.each(listFixtures('trees_nnx'))('%s: written as an Orbax directory and read back with its spec, computes like Flax', async (name) => {
    const fixture = loadFixture('trees_nnx', name);
    const spec = fixture.manifest.spec;
    const model = nnxFiles.read(fixture.file('checkpoint'), 'msgpack', spec).model;
    const dir = join(root, `trees-${name}`);
    await orbaxCodec.write(dir, nnxFiles.writeTree!(model, 'orbax').tree);
    const opened = await orbaxCodec.open(dir);
    try {
      expect(opened.arrays().every((a) => a.path.endsWith('/value'))).toBe(true);
      const y = nnxFiles.forward(nnxFiles.readTree!(opened.tree, 'orbax', spec).model, fixture.arrays.input!);
      expect(allclose(y, fixture.arrays.output!, fixture.manifest.tolerance!)).toBe(true);
    } finally {
      await opened.close();
    }
  });

  it('bytes are refused for a directory format, saying to open the directory', () => {
    expect(() => nnxFiles.read(new Uint8Array(4), 'orbax', undefined)).toThrow(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT', message: expect.stringContaining('orbax checkpoints are directories') }),
    );
    expect(() => nnxFiles.write(null, 'orbax')).toThrow(expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }));
  });
});
