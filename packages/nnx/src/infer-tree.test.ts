import { Tensor } from '@interop/core';
import { listFixtures, loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { readPureDict, writePureDict, writeState } from './files.js';
import { inferArchitecture } from './infer.js';
import { ModuleTree } from './module-tree.js';
import type { ModuleSpec } from './spec.js';
import { detectStateKeys } from './state-keys.js';
import { moduleToSpec } from './to-spec.js';

// The fixture's children without state (a Dropout) are not in the file, nor are conv strides and
// padding (assumed 1 and SAME); the rest are sorted.
function stateful(spec: ModuleSpec): Record<string, unknown> {
  const children = spec.children as Record<string, ModuleSpec | ModuleSpec[]>;
  const kept = Object.keys(children)
    .filter((k) => Array.isArray(children[k]) || (children[k] as ModuleSpec).type !== 'Dropout')
    .sort();
  return Object.fromEntries(
    kept.map((k) => {
      const c = children[k]!;
      if (Array.isArray(c)) return [k, c.map((i) => (i.type === 'Module' ? { type: 'Module', children: stateful(i) } : i))];
      const { strides: _s, padding: _p, ...stored } = c;
      return [k, c.type === 'Module' ? { type: 'Module', children: stateful(c) } : stored];
    }),
  );
}

describe('trees inferred from an NNX state file', () => {
  it('a file holding only `layers` stays a Sequential (the same state as a tree with one list)', () => {
    const bytes = loadFixture('trees_nnx', 'wide_list').file('checkpoint_str_sorted');
    const { module } = inferArchitecture(readPureDict(bytes));
    expect(moduleToSpec(module).type).toBe('Sequential');
    expect(Buffer.from(writeState(module)).equals(Buffer.from(bytes))).toBe(true);
  });

  it.each(listFixtures('trees_nnx').filter((n) => n !== 'wide_list'))(
    '%s: a tree of the layers the state shows, no forward, the file rewritten identically',
    (name) => {
      const f = loadFixture('trees_nnx', name);
      const bytes = f.file('checkpoint');
      const pure = readPureDict(bytes);
      const { module, assumed } = inferArchitecture(pure);
      expect(module).toBeInstanceOf(ModuleTree);
      expect((module as ModuleTree).forward).toBeUndefined();
      const spec = moduleToSpec(module);
      expect(spec).not.toHaveProperty('forward');
      expect(spec.children).toMatchObject(stateful(f.manifest.spec as ModuleSpec));
      expect(Object.keys(spec.children as object)).toEqual(Object.keys(stateful(f.manifest.spec as ModuleSpec)));
      expect(assumed.at(-1)).toMatch(/^\(root\): a module Model of .*declaration order and forward are not stored/);
      expect(Buffer.from(writeState(module, { keys: detectStateKeys(bytes, pure)! })).equals(Buffer.from(bytes))).toBe(true);
      expect(() => module.call(f.arrays.input!)).toThrow(expect.objectContaining({ code: 'E_MISSING_ARCH' }));
    },
  );

  it('states what it assumed for each layer and each module, with its path', () => {
    const { assumed } = inferArchitecture(readPureDict(loadFixture('trees_nnx', 'resnet').file('checkpoint')));
    expect(assumed).toContain(
      "down/conv1: Conv with strides 1, padding 'SAME', no dilation and feature_group_count 1 (not stored in the state)",
    );
    expect(assumed.some((l) => l.startsWith('block/norm: BatchNorm'))).toBe(true);
    expect(assumed.some((l) => l.startsWith('down/norm: LayerNorm'))).toBe(true);
    expect(assumed.some((l) => l.startsWith('block: a module Block of conv1, conv2, norm'))).toBe(true);
  });

  it('a list with gaps (items without state) is E_MISSING_ARCH naming them', () => {
    const k = Tensor.zeros([2, 2], 'float32');
    const pure = readPureDict(writePureDict({ net: { blocks: { 0: { kernel: k }, 2: { kernel: k } }, head: { kernel: k } } }));
    expect(() => inferArchitecture(pure)).toThrow(
      expect.objectContaining({ code: 'E_MISSING_ARCH', message: expect.stringContaining('net/blocks: list items 1 hold no state') }),
    );
  });

  it('arrays beside submodules, or unknown leaf names, are E_MISSING_ARCH', () => {
    const k = Tensor.zeros([2, 2], 'float32');
    expect(() => inferArchitecture({ fc: { kernel: k }, raw: k })).toThrow(expect.objectContaining({ code: 'E_MISSING_ARCH' }));
    expect(() => inferArchitecture({ fc: { kernel: k }, odd: { weights: k } })).toThrow(
      expect.objectContaining({ code: 'E_MISSING_ARCH', message: expect.stringContaining('odd') }),
    );
  });
});
