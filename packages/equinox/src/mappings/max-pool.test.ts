import { createConversionContext, Tensor } from '@interop/core';
import type { PoolIR } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { EqxNode } from '../adapter.js';
import { tester } from '../__fixtures__/mapping.js';
import { treeLayerCase } from '../__fixtures__/trees.js';
import { MaxPool2d, MaxPool3d } from '../modules/pool.js';
import { maxPool } from './max-pool.js';

const pool = (params: Partial<PoolIR['params']>): PoolIR => ({
  kind: 'pool',
  params: { op: 'max', windowShape: [3, 3], strides: [2, 2], padding: 'VALID', countIncludePad: true, ...params },
  tensors: {},
});
const ctx = (inputShape?: number[]) =>
  createConversionContext({ framework: 'equinox', direction: 'fromIR', ...(inputShape ? { inputShape } : {}) });

tester.run(maxPool, {
  valid: ['maxpool1d', 'maxpool2d_same_pairs', 'maxpool2d_ceil', 'maxpool3d'].map(treeLayerCase),
  invalid: [
    { name: 'SAME without an input shape', ir: pool({ padding: 'SAME' }), error: 'E_MISSING_ARCH' },
    {
      name: 'a pad larger than the window',
      ir: pool({
        windowShape: [2, 2],
        padding: [
          [3, 0],
          [0, 0],
        ],
      }),
      error: 'E_CONVERSION',
    },
  ],
});

describe('MaxPool1d-3d ↔ pool (max)', () => {
  it("makes a 'SAME' pool explicit pairs, as lax.padtype_to_pads does for the input (the odd pad at the end)", () => {
    const m = maxPool.fromIR(pool({ padding: 'SAME' }), ctx([5, 4, 3])).module as MaxPool2d;
    expect(m).toBeInstanceOf(MaxPool2d);
    expect([m.kernelSize, m.stride, m.padding, m.useCeil]).toEqual([
      [3, 3],
      [2, 2],
      [
        [1, 1],
        [0, 1],
      ],
      false,
    ]);
  });

  it('reads use_ceil as the end padding Equinox adds for this input, and refuses it without one', () => {
    const read = (shape?: number[]) =>
      maxPool.toIR(
        new EqxNode(new MaxPool2d(2, 2, { useCeil: true })),
        createConversionContext({ framework: 'equinox', direction: 'toIR', ...(shape ? { inputShape: shape } : {}) }),
      );
    expect(read([5, 4, 3]).params.padding).toEqual([
      [0, 2],
      [0, 0],
    ]);
    expect(() => read()).toThrow(expect.objectContaining({ code: 'E_MISSING_ARCH' }));
  });

  it('accepts max pools of 1 to 3 spatial axes only', () => {
    expect(maxPool.accepts!(pool({ windowShape: [2, 2, 2], strides: [1, 1, 1] }))).toBe(true);
    expect(maxPool.accepts!(pool({ op: 'avg' }))).toBe(false);
    expect(maxPool.fromIR(pool({ windowShape: [2, 2, 2], strides: [1, 1, 1] }), ctx()).module).toBeInstanceOf(MaxPool3d);
  });

  it('refuses padding strings and checks the example, as Equinox does', () => {
    expect(() => new MaxPool2d(2, 1, 'SAME' as never)).toThrow(expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }));
    expect(() => new MaxPool2d(2, 1, 3).call(Tensor.zeros([1, 4, 4], 'float32'))).toThrow(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT', message: expect.stringContaining('Paddings should be less') }),
    );
    expect(() => new MaxPool2d(2).call(Tensor.zeros([4, 4], 'float32'))).toThrow(expect.objectContaining({ code: 'E_SHAPE_MISMATCH' }));
  });
});
