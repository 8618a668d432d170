import { describe, expect, it } from 'vitest';
import type { Tensor } from '@interop/core';
import { decode, loadCase, tensorBits } from '../__fixtures__/load.js';
import type { Encoded } from '../__fixtures__/load.js';
import { key } from '../key.js';
import { lecunNormal, orthogonal, varianceScaling, zeros } from '../initializers/index.js';
import * as F from './index.js';

type Layers = Record<string, Record<string, Encoded>>;
const exact = (t: Tensor | null, e: Encoded) => {
  expect(t?.shape).toEqual(e.shape);
  expect(tensorBits(t!)).toEqual(e.bits);
};
const close = (t: Tensor, e: Encoded, tol: number) => {
  const want = decode(e);
  const worst = Math.max(...t.toArray().map((g, i) => Math.abs(g - want[i]!)));
  expect(worst).toBeLessThan(tol);
};

describe('flax.nnx: Rngs streams and default layer params', () => {
  const { layers, rngs_draws: draws } = loadCase<{ layers: Layers; rngs_draws: Record<string, number[]> }>('nnx');
  it('Rngs(0, dropout=7) draws', () => {
    const rngs = F.createRngs({ default: 0, dropout: 7 });
    expect(Array.from(rngs.params().data)).toEqual(draws.params_0);
    expect(Array.from(rngs.params().data)).toEqual(draws.params_1);
    expect(Array.from(rngs.dropout().data)).toEqual(draws.dropout_0);
    expect(Array.from(rngs.default().data)).toEqual(draws.default_2);
  });
  it('Linear(4, 8): kernel from params(), bias draws a key too', () => {
    for (const [seed, name] of [[0, 'linear_4_8'], [42, 'linear_4_8_seed42']] as const) {
      const rngs = F.createRngs(seed);
      exact(lecunNormal()(rngs.params(), [4, 8]), layers[name]!.kernel!);
      exact(zeros(rngs.params(), [8]), layers[name]!.bias!);
    }
  });
  it('Conv(3, 5, (3, 3)) and Embed(10, 6)', () => {
    exact(lecunNormal()(F.createRngs(0).params(), [3, 3, 3, 5]), layers.conv_3_5_3x3!.kernel!);
    const embed = varianceScaling(1, 'fan_in', 'normal', { outAxis: 0 });
    exact(embed(F.createRngs(0).params(), [10, 6]), layers.embed_10_6!.embedding!);
  });
  it('LSTMCell(3, 4): ii, if_, ig, io, then hi..ho (kernel, bias) in creation order', () => {
    const rngs = F.createRngs(0);
    const want = layers.lstm_cell_3_4!;
    for (const g of ['ii', 'if_', 'ig', 'io']) exact(lecunNormal()(rngs.params(), [3, 4]), want[`${g}/kernel`]!);
    for (const g of ['hi', 'hf', 'hg', 'ho']) {
      close(orthogonal()(rngs.params(), [4, 4]), want[`${g}/kernel`]!, 5e-7);
      exact(zeros(rngs.params(), [4]), want[`${g}/bias`]!);
    }
  });
});

describe('flax.linen: init keys by module path and counter', () => {
  const { layers } = loadCase<{ layers: Layers }>('linen');
  const k = key(0);
  it('Dense(8) and Conv(5, (3, 3)) at the top: index 1 for the kernel', () => {
    exact(lecunNormal()(F.linenParamKey(k, [], 1), [4, 8]), layers.dense_8!.kernel!);
    exact(lecunNormal()(F.createLinenScope(k).makeRng(), [3, 3, 3, 5]), layers.conv_5_3x3!.kernel!);
    const embed = varianceScaling(1, 'fan_in', 'normal', { outAxis: 0 });
    exact(embed(F.linenParamKey(k, [], 1), [10, 6]), layers.embed_10_6!.embedding!);
  });
  it('Sequential([Dense(8), relu, Dense(3)]): layers_0, layers_2', () => {
    const scope = F.createLinenScope(k);
    exact(lecunNormal()(scope.child('layers_0').makeRng(), [4, 8]), layers.sequential!['layers_0/kernel']!);
    exact(lecunNormal()(scope.child('layers_2').makeRng(), [8, 3]), layers.sequential!['layers_2/kernel']!);
  });
  it('LSTMCell(4): Dense children ii, hi, if, ... each with its own counter', () => {
    const scope = F.createLinenScope(k);
    const want = layers.lstm_cell_4!;
    for (const g of ['i', 'f', 'g', 'o']) {
      exact(lecunNormal()(scope.child(`i${g}`).makeRng(), [3, 4]), want[`i${g}/kernel`]!);
      close(orthogonal()(scope.child(`h${g}`).makeRng(), [4, 4]), want[`h${g}/kernel`]!, 5e-7);
    }
  });
  it('sha1 is SHA-1', () => {
    const hex = Array.from(F.sha1(new TextEncoder().encode('abc')), (b) => b.toString(16).padStart(2, '0')).join('');
    expect(hex).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
  });
});
