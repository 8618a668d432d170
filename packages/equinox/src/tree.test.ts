import { Tensor } from '@interop/core';
import { key } from '@interop/runtime';
import { listFixtures, loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { golden } from './__fixtures__/golden.js';
import { Dropout } from './modules/dropout.js';
import { Linear } from './modules/linear.js';
import { modelWithStateFromSpec } from './spec.js';
import type { ModuleSpec } from './spec.js';
import { treeDeserialiseLeaves, treeLeaves, treeSerialiseLeaves } from './tree.js';

// Every Equinox file of the anchor fixtures that comes with its module record.
const anchorFiles = listFixtures('anchor').flatMap((name) => {
  const m = loadFixture('anchor', name).manifest as Record<string, { framework?: string; module?: ModuleSpec; file?: string } | undefined>;
  return (['source', 'converted', 'roundtrip'] as const)
    .filter((side) => m[side]?.framework === 'equinox' && m[side]?.module)
    .map((side) => [name, side] as const);
});

describe('.eqx files (eqx.tree_serialise_leaves)', () => {
  it.each(anchorFiles)('anchor %s (%s): reads into the model its record describes and rewrites byte-identical', (name, side) => {
    const f = loadFixture('anchor', name);
    const rec = (f.manifest as Record<string, { module: ModuleSpec; file: string }>)[side]!;
    const bytes = f.file(rec.file);
    const [model, state] = modelWithStateFromSpec(rec.module);
    const tree = treeDeserialiseLeaves(bytes, state ? [model, state] : model, { fileFloatDtypes: true });
    expect(Buffer.from(treeSerialiseLeaves(tree)).equals(Buffer.from(bytes))).toBe(true);
  });

  it("Python scalars are 0-d leaves: Dropout's p as float64, inference as bool", () => {
    const leaves = treeLeaves(new Dropout(0.3, true));
    expect(leaves).toEqual([
      { path: '.p', leaf: 0.3 },
      { path: '.inference', leaf: true },
    ]);
    const back = treeDeserialiseLeaves(treeSerialiseLeaves(new Dropout(0.3, true)), new Dropout());
    expect([back.p, back.inference]).toEqual([0.3, true]);
  });

  it('refuses a file written from another architecture, naming the leaf (E_FORMAT_MISMATCH)', () => {
    const { bytes } = golden('linear');
    expect(() => treeDeserialiseLeaves(bytes, new Linear(4, 5, { key: key(0) }))).toThrow(
      expect.objectContaining({ code: 'E_FORMAT_MISMATCH' }),
    );
    expect(() => treeDeserialiseLeaves(bytes, new Linear(3, 5, false, { key: key(0) }))).toThrow(
      expect.objectContaining({ code: 'E_FORMAT_MISMATCH' }),
    );
    expect(() => treeDeserialiseLeaves(bytes, new Linear(3, 5, { key: key(0), dtype: 'bfloat16' }))).toThrow(/\.weight/);
  });

  it('a model and its State are saved together: State entries after the model, in the order Equinox keeps them', () => {
    const { model, state } = golden('sequential_batchnorm');
    const paths = treeLeaves([model, state]).map((l) => l.path);
    expect(paths.slice(-3)).toEqual(['[1][<flat index 0>]', '[1][<flat index 1>][0]', '[1][<flat index 1>][1]']);
    expect(treeLeaves(state).every((l) => l.leaf instanceof Tensor)).toBe(true);
  });
});
