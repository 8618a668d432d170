import type { Tensor } from '@interop/core';
import type { KeyArray } from '@interop/runtime';
import { loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { initializers } from './init.js';
import type { Initializer } from './init.js';
import { RandomState, globalRandom } from './random-state.js';

type Encoded = { dtype: string; shape: number[]; bits: number[] };
type Layers = Record<string, Record<string, Encoded>>;

const bitsOf = (t: Tensor) => {
  const d = t.data as Float32Array;
  return Array.from(new Uint32Array(d.buffer, d.byteOffset, d.length));
};
const exact = (t: Tensor | null, e: Encoded) => {
  expect(t?.shape).toEqual(e.shape);
  expect(bitsOf(t!)).toEqual(e.bits);
};

describe('brainstate: global state', () => {
  const c = loadFixture('random', 'brainstate').manifest as unknown as {
    values: Record<string, Encoded | number[]>;
    layers: Layers;
    initializers: Record<string, { shape: number[]; value: Encoded }>;
  };
  const words = (x: KeyArray) => Array.from(x.data);
  it('seed(0); randn(3, 4) twice; rand(3); split_key', () => {
    const rs = new RandomState(0);
    exact(rs.randn(3, 4), c.values.randn_3_4 as Encoded);
    exact(rs.randn(3, 4), c.values.randn_3_4_second as Encoded);
    rs.seed(0);
    exact(rs.rand(3), c.values.rand_3 as Encoded);
    rs.seed(0);
    expect(words(rs.splitKey())).toEqual(c.values.split_key);
    expect(words(rs.splitKey())).toEqual(c.values.split_key_2);
    expect(words(rs.value)).toEqual(c.values.state_after);
  });
  it('initializers after seed(0)', () => {
    const I = initializers;
    const inits: Record<string, Initializer> = {
      kaiming_normal: I.kaimingNormal(),
      kaiming_uniform: I.kaimingUniform(),
      xavier_normal: I.xavierNormal(),
      xavier_uniform: I.xavierUniform(),
      lecun_uniform: I.lecunUniform(),
      lecun_normal: I.lecunNormal(),
    };
    for (const [name, init] of Object.entries(inits)) {
      const rng = new RandomState(0);
      exact(init(c.initializers[name]!.shape, { rng }), c.initializers[name]!.value);
    }
  });
  it('Linear(4, 8), Conv2d((8, 8, 3), 5, 3), Embedding(10, 6) after seed(0), on the global state', () => {
    const I = initializers;
    globalRandom.seed(0);
    exact(I.kaimingNormal()([4, 8]), c.layers.linear_4_8!.weight!);
    exact(I.zeroInit()([8]), c.layers.linear_4_8!.bias!);
    globalRandom.seed(0);
    exact(I.xavierNormal()([3, 3, 3, 5]), c.layers.conv2d_8x8x3_5_3!.weight!);
    globalRandom.seed(0);
    exact(I.lecunUniform()([10, 6]), c.layers.embedding_10_6!.weight!);
  });
});
