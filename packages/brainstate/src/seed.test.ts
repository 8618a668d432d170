import { Tensor } from '@interop/core';
import { allclose } from '@interop/runtime';
import { loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { Conv2d, Embedding, LayerNorm, Linear, Sequential, random } from './index.js';

const bits = (t: Tensor) => Array.from(new Uint32Array(Float32Array.from(t.toArray()).buffer));
const seed = loadFixture('seed', 'notebook');
const rnd = loadFixture('random', 'brainstate').manifest as unknown as {
  values: Record<string, { bits: number[]; shape: number[] } | number[]>;
  layers: Record<string, Record<string, { bits: number[]; shape: number[] }>>;
};

describe('the seed notebook: random.seed(0); x = randn(3, 4); Linear → LayerNorm → Linear', () => {
  it("draws x and the default init bit for bit and computes BrainState's output", () => {
    random.seed(0);
    const x = random.randn(3, 4);
    expect(bits(x)).toEqual(bits(seed.arrays.x!));
    const model = new Sequential(new Linear(4, 8), new LayerNorm(8), new Linear(8, 2));
    const [l0, , l2] = model.layers as [Linear, LayerNorm, Linear];
    expect(bits(l0.weight.value.weight!)).toEqual(bits(seed.arrays['nnx.model.layers.0.weight.weight']!));
    expect(bits(l2.weight.value.weight!)).toEqual(bits(seed.arrays['nnx.model.layers.2.weight.weight']!));
    const y = model.call(x);
    const want = seed.arrays['nnx.model.layers.2.output']!;
    const { rtol, atol } = seed.manifest.tolerance!;
    expect(y.shape).toEqual([3, 2]);
    expect(allclose(y, want, { rtol, atol })).toBe(true);
    expect(model.inSize).toEqual([4]);
    expect(model.outSize).toEqual([2]);
  });
});

describe('random: BrainState global-state semantics', () => {
  it('randn, rand and splitKey advance one global key as brainstate.random does', () => {
    random.seed(0);
    expect(bits(random.randn(3, 4))).toEqual((rnd.values.randn_3_4 as { bits: number[] }).bits);
    expect(bits(random.randn(3, 4))).toEqual((rnd.values.randn_3_4_second as { bits: number[] }).bits);
    random.seed(0);
    expect(bits(random.rand(3))).toEqual((rnd.values.rand_3 as { bits: number[] }).bits);
    random.seed(0);
    expect(Array.from(random.splitKey().data)).toEqual(rnd.values.split_key);
    expect(Array.from(random.splitKey().data)).toEqual(rnd.values.split_key_2);
    expect(Array.from(random.DEFAULT.value.data)).toEqual(rnd.values.state_after);
  });

  it.each([
    ['linear_4_8', () => new Linear(4, 8)],
    ['conv2d_8x8x3_5_3', () => new Conv2d([8, 8, 3], 5, 3)],
    ['embedding_10_6', () => new Embedding(10, 6)],
  ])('%s: default init right after seed(0) equals BrainState bit for bit', (name, make) => {
    random.seed(0);
    const layer = make() as Linear | Conv2d | Embedding;
    const v = layer.weight.value;
    const got: Record<string, Tensor> = v instanceof Tensor ? { weight: v } : v;
    for (const [k, want] of Object.entries(rnd.layers[name]!)) {
      expect(got[k]!.shape).toEqual(want.shape);
      expect(bits(got[k]!)).toEqual(want.bits);
    }
  });
});
