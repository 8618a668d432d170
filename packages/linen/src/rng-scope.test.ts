// Moved from @interop/runtime's random/frameworks tests with Linen's key derivation itself.
import { describe, expect, it } from 'vitest';
import type { Tensor } from '@interop/core';
import { key, lecunNormal, orthogonal, varianceScaling } from '@interop/runtime';
import { bitDifference } from '@interop/testing';
import { initTensor, linenInit } from './__fixtures__/random-init.js';
import { createLinenScope, linenParamKey } from './rng-scope.js';

type Encoded = Parameters<typeof initTensor>[0];
// Bit for bit; the orthogonal recurrent kernels within 5e-7 (docs/random.md).
const exact = (t: Tensor, e: Encoded) => expect(bitDifference(t, initTensor(e))).toBeUndefined();
const close = (t: Tensor, e: Encoded) =>
  expect(Math.max(...t.toArray().map((v, i) => Math.abs(v - initTensor(e).toArray()[i]!)))).toBeLessThan(5e-7);

describe('flax.linen: init keys by module path and counter', () => {
  const k = key(0);
  it('Dense(8) and Conv(5, (3, 3)) at the top: index 1 for the kernel', () => {
    exact(lecunNormal()(linenParamKey(k, [], 1), [4, 8]), linenInit('dense_8').kernel!);
    exact(lecunNormal()(createLinenScope(k).makeRng(), [3, 3, 3, 5]), linenInit('conv_5_3x3').kernel!);
    const embed = varianceScaling(1, 'fan_in', 'normal', { outAxis: 0 });
    exact(embed(linenParamKey(k, [], 1), [10, 6]), linenInit('embed_10_6').embedding!);
  });
  it('Sequential([Dense(8), relu, Dense(3)]): layers_0, layers_2', () => {
    const scope = createLinenScope(k);
    exact(lecunNormal()(scope.child('layers_0').makeRng(), [4, 8]), linenInit('sequential')['layers_0/kernel']!);
    exact(lecunNormal()(scope.child('layers_2').makeRng(), [8, 3]), linenInit('sequential')['layers_2/kernel']!);
  });
  it('LSTMCell(4): Dense children ii, hi, if, ... each with its own counter', () => {
    const scope = createLinenScope(k);
    const want = linenInit('lstm_cell_4');
    for (const g of ['i', 'f', 'g', 'o']) {
      exact(lecunNormal()(scope.child(`i${g}`).makeRng(), [3, 4]), want[`i${g}/kernel`]!);
      close(orthogonal()(scope.child(`h${g}`).makeRng(), [4, 4]), want[`h${g}/kernel`]!);
    }
  });
});
