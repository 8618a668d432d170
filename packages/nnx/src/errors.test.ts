import { Tensor, isInteropError } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { BatchNorm, Conv, Dropout, Embed, GRUCell, GroupNorm, LSTMCell, LayerNorm, Linear, Rngs, Sequential } from './index.js';

const rngs = new Rngs(0);
const f32 = (shape: number[]) => Tensor.zeros(shape, 'float32');

// Bad input is always an InteropError with a code, never a TypeError from deep inside.
describe('errors are InteropErrors', () => {
  it.each([
    ['Linear, wrong feature count', () => new Linear(3, 5, { rngs }).call(f32([2, 4])), 'E_SHAPE_MISMATCH'],
    ['Linear, not a tensor', () => new Linear(3, 5, { rngs }).call([1, 2, 3] as never), 'E_INVALID_ARGUMENT'],
    ['Conv, wrong channels', () => new Conv(3, 4, [3, 3], { rngs }).call(f32([1, 5, 5, 2])), 'E_SHAPE_MISMATCH'],
    ['Conv, rank too low', () => new Conv(3, 4, [3, 3], { rngs }).call(f32([5, 3])), 'E_SHAPE_MISMATCH'],
    ['Conv, groups not dividing', () => new Conv(3, 4, [3, 3], { rngs, featureGroupCount: 2 }), 'E_INVALID_ARGUMENT'],
    ['Conv, 4 spatial axes', () => new Conv(3, 4, [3, 3, 3, 3], { rngs }), 'E_INVALID_ARGUMENT'],
    ['Embed, float ids', () => new Embed(7, 4, { rngs }).call(f32([2])), 'E_DTYPE'],
    [
      'LSTMCell, carry of the wrong size',
      () => new LSTMCell(3, 4, { rngs }).call([f32([2, 5]), f32([2, 5])], f32([2, 3])),
      'E_SHAPE_MISMATCH',
    ],
    ['LSTMCell, carry not a pair', () => new LSTMCell(3, 4, { rngs }).call(f32([2, 4]) as never, f32([2, 3])), 'E_INVALID_ARGUMENT'],
    ['GRUCell, wrong input size', () => new GRUCell(3, 4, { rngs }).call(f32([2, 4]), f32([2, 2])), 'E_SHAPE_MISMATCH'],
    ['GroupNorm, unbatched 1-D input (NNX fails too)', () => new GroupNorm(4, 2, { rngs }).call(f32([4])), 'E_SHAPE_MISMATCH'],
    ['LayerNorm, wrong size', () => new LayerNorm(4, { rngs }).call(f32([2, 3])), 'E_SHAPE_MISMATCH'],
    ['BatchNorm, training on the wrong feature count', () => new BatchNorm(3, { rngs }).call(f32([2, 4])), 'E_SHAPE_MISMATCH'],
    ['Dropout, not a tensor', () => new Dropout(0.5, { deterministic: true }).call('x' as never), 'E_INVALID_ARGUMENT'],
    ['Sequential, a non-callable layer', () => new Sequential(3 as never), 'E_INVALID_ARGUMENT'],
  ] as const)('%s', (_name, run, code) => {
    let err: unknown;
    try {
      run();
    } catch (e) {
      err = e;
    }
    expect(isInteropError(err)).toBe(true);
    expect((err as { code: string }).code).toBe(code);
  });
});
