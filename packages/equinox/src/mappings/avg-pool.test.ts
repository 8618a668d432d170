import { createConversionContext, Tensor } from '@interop/core';
import type { PoolIR } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { tester } from '../__fixtures__/mapping.js';
import { treeLayerCase } from '../__fixtures__/trees.js';
import { AvgPool1d, AvgPool2d } from '../modules/pool.js';
import { treeLeaves } from '../tree.js';
import { avgPool } from './avg-pool.js';

const pool = (params: Partial<PoolIR['params']>): PoolIR => ({
  kind: 'pool',
  params: { op: 'avg', windowShape: [3], strides: [1], padding: [[1, 1]], countIncludePad: true, ...params },
  tensors: {},
});
const ctx = createConversionContext({ framework: 'equinox', direction: 'fromIR' });

tester.run(avgPool, {
  valid: ['avgpool1d_padded', 'avgpool2d', 'avgpool2d_ceil_padded', 'avgpool3d'].map(treeLayerCase),
  invalid: [
    { name: 'an average that leaves padding out (BrainState AvgPool)', ir: pool({ countIncludePad: false }), error: 'E_CONVERSION' },
  ],
});

describe('AvgPool1d-3d ↔ pool (avg)', () => {
  it('builds an unpadded average whatever countIncludePad says (nothing is padded)', () => {
    const m = avgPool.fromIR(pool({ padding: 'VALID', countIncludePad: false }), ctx).module as AvgPool1d;
    expect([m.kernelSize, m.padding]).toEqual([[3], [[0, 0]]]);
  });

  it("writes init as Equinox does: AvgPool's int 0 as <i8, MaxPool's -inf as <f8", () => {
    const [leaf] = treeLeaves(new AvgPool2d(2)).map((l) => l.leaf as Tensor);
    expect([leaf!.dtype, leaf!.shape, Number(leaf!.toFloat64()[0])]).toEqual(['int64', [], 0]);
  });

  it('runs one channels-first example, dividing by the whole window', () => {
    const x = Tensor.fromArray([1, 2, 3], [1, 3], 'float32');
    expect(Array.from(new AvgPool1d(3, 1, 1).call(x).toFloat64())).toEqual([1, 2, 5 / 3].map(Math.fround));
  });
});
