import { Tensor } from '@interop/core';
import type { TensorTree } from '@interop/core';
import { msgpackCodec } from '@interop/formats';
import { allclose } from '@interop/runtime';
import { listFixtures, loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { brainstateFiles } from './files-part.js';
import { random } from './index.js';

/** The file's tree with every array a lazy tensor over the file's own, counting bytes read. */
function lazyTree(bytes: Uint8Array): { tree: TensorTree; lazy: Tensor[]; read: Map<Tensor, number> } {
  const read = new Map<Tensor, number>();
  const lazy: Tensor[] = [];
  const wrap = (v: unknown): unknown => {
    if (v instanceof Map) return new Map([...v].map(([k, c]) => [k, wrap(c)]));
    const t = v as Tensor;
    const l = Tensor.fromSource(t.dtype, t.shape, {
      byteLength: t.byteLength,
      read: (offset, target) => {
        read.set(l, (read.get(l) ?? 0) + target.length);
        t.readBytes(offset, target);
      },
    });
    lazy.push(l);
    return l;
  };
  return { tree: wrap(msgpackCodec.open(bytes)) as TensorTree, lazy, read };
}

/** The arrays of a written tree, in order. */
function arrays(tree: unknown): Tensor[] {
  return tree instanceof Map ? [...tree.values()].flatMap(arrays) : [tree as Tensor];
}

const globalKey = () => Array.from(random.DEFAULT.value.data);

const CASES = [
  ...listFixtures('layers_brainstate').map((c) => ['layers_brainstate', c] as const),
  ...listFixtures('trees_brainstate').map((c) => ['trees_brainstate', c] as const),
];

describe('reading a BrainState file with its spec builds the model shape-only', () => {
  it('a spec built for its initial values draws them from the global random state', () => {
    random.seed(0);
    const before = globalKey();
    brainstateFiles.fromSpec!({ type: 'Linear', in_size: 3, out_size: 2 });
    expect(globalKey()).not.toEqual(before);
  });

  it.each(CASES)(
    '%s/%s: the global key does not move, the arrays are the file’s lazy tensors unread, written back byte-identical, BrainState’s output',
    (group, name) => {
      const fixture = loadFixture(group, name);
      const bytes = fixture.file('checkpoint');
      const { tree, lazy, read } = lazyTree(bytes);
      random.seed(0);
      const before = globalKey();
      const loaded = brainstateFiles.readTree!(tree, 'msgpack', fixture.manifest.spec);
      expect(globalKey()).toEqual(before);
      const written = brainstateFiles.writeTree!(loaded.model, 'msgpack').tree;
      const out = arrays(written);
      expect(out).toHaveLength(lazy.length);
      out.forEach((t, i) => expect(t).toBe(lazy[i]));
      expect(read.size).toBe(0);
      expect(Buffer.from(msgpackCodec.write(written as TensorTree)).equals(Buffer.from(bytes))).toBe(true);
      if (fixture.manifest.kind !== 'cell') {
        const y = brainstateFiles.forward(loaded.model, fixture.arrays.input!);
        expect(allclose(y, fixture.arrays.output!, fixture.manifest.tolerance!)).toBe(true);
      }
    },
  );

  it.each([
    ['layers_brainstate', 'sequential_notebook'],
    ['trees_brainstate', 'autoencoder'],
  ])('%s/%s: an architecture inferred from the file (no spec) draws nothing either', (group, name) => {
    const bytes = loadFixture(group, name).file('checkpoint');
    const { tree, lazy, read } = lazyTree(bytes);
    random.seed(0);
    const before = globalKey();
    const loaded = brainstateFiles.readTree!(tree, 'msgpack', undefined);
    expect(globalKey()).toEqual(before);
    arrays(brainstateFiles.writeTree!(loaded.model, 'msgpack').tree).forEach((t, i) => expect(t).toBe(lazy[i]));
    expect(read.size).toBe(0);
  });

  it('a safetensors file read with its spec keeps its lazy tensors too', () => {
    const fixture = loadFixture('trees_brainstate', 'cnn');
    const { tree, lazy } = lazyTree(fixture.file('checkpoint'));
    const model = brainstateFiles.readTree!(tree, 'msgpack', fixture.manifest.spec).model;
    const flat = brainstateFiles.writeTree!(model, 'safetensors').tree as Map<string, Tensor>;
    random.seed(0);
    const before = globalKey();
    const again = brainstateFiles.readTree!(flat, 'safetensors', fixture.manifest.spec).model;
    expect(globalKey()).toEqual(before);
    arrays(brainstateFiles.writeTree!(again, 'msgpack').tree).forEach((t, i) => expect(t).toBe(lazy[i]));
  });
});
