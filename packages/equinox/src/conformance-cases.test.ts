import { readNpy } from '@interop/formats';
import { allclose } from '@interop/runtime';
import { listFixtures, loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { writeConformanceCases } from '../conformance/cases.js';
import { treeDeserialiseLeaves } from './tree.js';
import { modelWithStateFromSpec } from './spec.js';
import type { ModuleSpec } from './spec.js';

describe('live conformance cases (checked by real Equinox in pnpm conformance)', () => {
  it('writes one case per golden fixture, whose file holds changed leaves and reads back here', async () => {
    const cases: Array<{ name: string; manifest: Record<string, unknown>; files: Record<string, Uint8Array> }> = [];
    await writeConformanceCases({ writeCase: async (name, manifest, files) => void cases.push({ name, manifest, files }) });
    const layers = cases.filter((c) => c.manifest.kind !== 'equinox-tree');
    expect(layers).toHaveLength(45);
    for (const { name, manifest, files } of layers) {
      const bytes = files[`${name}.eqx`]!;
      const original = loadFixture('layers_equinox', name).file('checkpoint');
      expect(bytes.length).toBe(original.length);
      const [skeleton, state] = modelWithStateFromSpec(manifest.spec as ModuleSpec);
      expect(() => treeDeserialiseLeaves(bytes, state ? [skeleton, state] : skeleton)).not.toThrow();
      for (const file of Object.values(manifest.arrays as Record<string, string>)) expect(files[file]).toBeDefined();
    }
    const linear = cases.find((c) => c.name === 'linear')!;
    const ours = readNpy(linear.files['linear.output.npy']!);
    const python = loadFixture('layers_equinox', 'linear').arrays.output!;
    expect(allclose(ours, python, { rtol: 1e-5, atol: 1e-6 })).toBe(false);
  });

  it("writes one tree case per trees_equinox fixture: our init redrawn, its file read back into the spec, outputs not Python's", async () => {
    const cases: Array<{ name: string; manifest: Record<string, unknown>; files: Record<string, Uint8Array> }> = [];
    await writeConformanceCases({ writeCase: async (name, manifest, files) => void cases.push({ name, manifest, files }) });
    const trees = cases.filter((c) => c.manifest.kind === 'equinox-tree');
    expect(trees.map((c) => c.manifest.model).sort()).toEqual(listFixtures('trees_equinox'));
    for (const { name, manifest, files } of trees) {
      const fixture = loadFixture('trees_equinox', manifest.model as string);
      const bytes = files[`${name}.eqx`]!;
      expect(bytes.length).toBe(fixture.file('checkpoint').length);
      const [skeleton, state] = modelWithStateFromSpec(manifest.spec as ModuleSpec);
      expect(() => treeDeserialiseLeaves(bytes, state ? [skeleton, state] : skeleton)).not.toThrow();
      const ours = readNpy(files[`${name}.batch_output.npy`]!);
      if (!/pool/.test(name)) expect(allclose(ours, fixture.arrays.batch_output!, { rtol: 1e-5, atol: 1e-6 })).toBe(false);
    }
  });
});
