import { describe, expect, it } from 'vitest';
import { catchError } from '../__fixtures__/catch-error.js';
import { forwardFromSpec } from './forward-spec.js';
import type { LayerIR } from './kinds.js';
import { inferOutputShape } from './shape.js';
import { resolvePoolPadding } from './op-shape.js';

const opOf = (spec: Record<string, unknown>) => (forwardFromSpec([spec])[0] as { op: LayerIR }).op;

// Shapes printed by flax.linen 0.12.8 / jax 0.10.2 for an NHWC input (1, 5, 4, 3) in
// shared/reference/model-trees.md §5.2.
describe('shapes of the function steps', () => {
  it('pool as flax.linen computes it', () => {
    expect(inferOutputShape(opOf({ fn: 'max_pool', window_shape: [2, 2], strides: [2, 2] }), [5, 4, 3])).toEqual([2, 2, 3]);
    expect(inferOutputShape(opOf({ fn: 'max_pool', window_shape: [2, 2] }), [5, 4, 3])).toEqual([4, 3, 3]);
    expect(resolvePoolPadding('SAME', [5, 4], [3, 3], [2, 2])).toEqual([
      [1, 1],
      [0, 1],
    ]);
    expect(inferOutputShape(opOf({ fn: 'max_pool', window_shape: [3, 3], strides: [2, 2], padding: 'SAME' }), [5, 4, 3])).toEqual([
      3, 2, 3,
    ]);
    expect(
      inferOutputShape(
        opOf({
          fn: 'max_pool',
          window_shape: [2, 2],
          strides: [2, 2],
          padding: [
            [0, 2],
            [0, 0],
          ],
        }),
        [5, 4, 3],
      ),
    ).toEqual([3, 2, 3]);
  });

  it('flatten, reshape, mean and softmax', () => {
    expect(inferOutputShape(opOf({ fn: 'flatten' }), [5, 4, 3])).toEqual([60]);
    expect(inferOutputShape(opOf({ fn: 'reshape', shape: [-1, 3] }), [5, 4, 3])).toEqual([20, 3]);
    expect(inferOutputShape(opOf({ fn: 'mean', axis: [0, 1] }), [5, 4, 3])).toEqual([3]);
    expect(inferOutputShape(opOf({ fn: 'mean', axis: [-3, -2], keepdims: true }), [5, 4, 3])).toEqual([1, 1, 3]);
    expect(inferOutputShape(opOf({ fn: 'log_softmax' }), [10])).toEqual([10]);
  });

  it('refuses shapes that do not fit', () => {
    expect(catchError(() => inferOutputShape(opOf({ fn: 'reshape', shape: [7, -1] }), [5, 4, 3])).code).toBe('E_SHAPE_MISMATCH');
    expect(catchError(() => inferOutputShape(opOf({ fn: 'mean', axis: 3 }), [5, 4, 3])).code).toBe('E_SHAPE_MISMATCH');
    expect(catchError(() => inferOutputShape(opOf({ fn: 'avg_pool', window_shape: [2] }), [5, 4, 3])).code).toBe('E_SHAPE_MISMATCH');
  });
});
