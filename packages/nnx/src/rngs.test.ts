// Moved from @interop/runtime's random/frameworks tests with the Rngs streams themselves.
import { describe, expect, it } from 'vitest';
import type { Tensor } from '@interop/core';
import { lecunNormal, orthogonal, varianceScaling, zeros } from '@interop/runtime';
import { bitDifference } from '@interop/testing';
import { initTensor, nnxRandom } from './__fixtures__/random-init.js';
import { Rngs } from './rngs.js';

type Encoded = Parameters<typeof initTensor>[0];
// Bit for bit; the orthogonal recurrent kernels within 5e-7 (docs/random.md).
const exact = (t: Tensor, e: Encoded) => expect(bitDifference(t, initTensor(e))).toBeUndefined();
const close = (t: Tensor, e: Encoded) =>
  expect(Math.max(...t.toArray().map((v, i) => Math.abs(v - initTensor(e).toArray()[i]!)))).toBeLessThan(5e-7);

describe('flax.nnx: Rngs streams and default layer params', () => {
  const { layers, rngs_draws: draws } = nnxRandom();
  it('Rngs(0, dropout=7) draws', () => {
    const rngs = new Rngs({ default: 0, dropout: 7 });
    expect(Array.from(rngs.params().data)).toEqual(draws.params_0);
    expect(Array.from(rngs.params().data)).toEqual(draws.params_1);
    expect(Array.from(rngs.dropout().data)).toEqual(draws.dropout_0);
    expect(Array.from(rngs.default().data)).toEqual(draws.default_2);
  });
  it('Linear(4, 8): kernel from params(), bias draws a key too', () => {
    for (const [seed, name] of [
      [0, 'linear_4_8'],
      [42, 'linear_4_8_seed42'],
    ] as const) {
      const rngs = new Rngs(seed);
      exact(lecunNormal()(rngs.params(), [4, 8]), layers[name]!.kernel!);
      exact(zeros(rngs.params(), [8]), layers[name]!.bias!);
    }
  });
  it('Conv(3, 5, (3, 3)) and Embed(10, 6)', () => {
    exact(lecunNormal()(new Rngs(0).params(), [3, 3, 3, 5]), layers.conv_3_5_3x3!.kernel!);
    const embed = varianceScaling(1, 'fan_in', 'normal', { outAxis: 0 });
    exact(embed(new Rngs(0).params(), [10, 6]), layers.embed_10_6!.embedding!);
  });
  it('LSTMCell(3, 4): ii, if_, ig, io, then hi..ho (kernel, bias) in creation order', () => {
    const rngs = new Rngs(0);
    const want = layers.lstm_cell_3_4!;
    for (const g of ['ii', 'if_', 'ig', 'io']) exact(lecunNormal()(rngs.params(), [3, 4]), want[`${g}/kernel`]!);
    for (const g of ['hi', 'hf', 'hg', 'ho']) {
      close(orthogonal()(rngs.params(), [4, 4]), want[`${g}/kernel`]!);
      exact(zeros(rngs.params(), [4]), want[`${g}/bias`]!);
    }
  });
});
