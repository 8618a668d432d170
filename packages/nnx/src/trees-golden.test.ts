import { listFixtures, loadFixture } from '@interop/testing';
import type { Tensor } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { readPureDict, readState, writeState } from './files.js';
import { ModuleTree } from './module-tree.js';
import { moduleFromSpec } from './spec.js';
import type { ModuleSpec } from './spec.js';
import { detectStateKeys } from './state-keys.js';
import type { StateKeys } from './state-keys.js';
import { moduleToSpec } from './to-spec.js';
import { expectClose } from './__fixtures__/golden.js';

const cases = listFixtures('trees_nnx');
const fixture = (name: string) => loadFixture('trees_nnx', name);
const spec = (name: string) => fixture(name).manifest.spec as ModuleSpec;
const checkpoints = cases.flatMap((name) =>
  Object.entries(fixture(name).manifest.checkpoints as Record<string, { keys: StateKeys }>).map(([file, { keys }]) => ({
    name,
    file,
    keys,
  })),
);
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe('module trees against flax.nnx (trees_nnx fixtures)', () => {
  it('holds the tutorial CNN, the autoencoder, the residual net and the deep list, in the three key forms', () => {
    expect(cases).toEqual([
      'autoencoder',
      'cnn',
      'deep_mlp',
      'live_cnn_eqx',
      'live_cnn_flax',
      'live_mlp',
      'live_res',
      'resnet',
      'wide_list',
    ]);
    expect(new Set(checkpoints.map((c) => c.keys))).toEqual(new Set(['int', 'str', 'str-sorted']));
  });

  it.each(checkpoints)('$name ($keys keys): read → forward equals Python in eval mode', ({ name, file }) => {
    const f = fixture(name);
    const model = readState(moduleFromSpec(spec(name)), f.file(file)).eval();
    expect(model).toBeInstanceOf(ModuleTree);
    expectClose(model.call(f.arrays.input!) as Tensor, f.arrays.output!, f.manifest.tolerance!);
  });

  it.each(checkpoints)('$name ($keys keys): the key form is detected and the file rewritten byte-identical', ({ name, file, keys }) => {
    const bytes = fixture(name).file(file);
    const detected = detectStateKeys(bytes, readPureDict(bytes));
    // Without list indices the three forms are the same bytes; the first is named.
    const lists = (fixture(name).manifest.params as Array<{ path: unknown[] }>).some((p) => p.path.some((k) => typeof k === 'number'));
    expect(detected).toBe(lists ? keys : 'str-sorted');
    expect(same(writeState(readState(moduleFromSpec(spec(name)), bytes), { keys }), bytes)).toBe(true);
  });

  it.each(cases)('%s: a fresh model from the spec holds what Model(rngs=nnx.Rngs(0)) drew', (name) => {
    expect(same(writeState(moduleFromSpec(spec(name), { seed: 0 }), { keys: 'int' }), fixture(name).file('init'))).toBe(true);
  });

  it.each(cases)('%s: spec → tree → spec keeps the tree, and the rebuilt tree reads the file', (name) => {
    const once = moduleToSpec(moduleFromSpec(spec(name)));
    expect(once).toMatchObject(spec(name));
    expect(moduleToSpec(moduleFromSpec(once))).toEqual(once);
    const bytes = fixture(name).file('checkpoint');
    expect(same(writeState(readState(moduleFromSpec(once), bytes), { keys: 'int' }), bytes)).toBe(true);
  });
});
