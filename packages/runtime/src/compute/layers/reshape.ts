import { inferOutputShape } from '@interop/core';
import type { FlattenIR, ReshapeIR } from '@interop/core';
import type { Activation } from './context.js';
import { expectIR } from './context.js';

/**
 * Flattens every axis of each example into one, in C order of the channels-last data (no copy):
 * `[batch, H, W, C]` becomes `[batch, H·W·C]`.
 *
 * @example
 * ```ts
 * runFlatten({ kind: 'flatten', params: {}, tensors: {} }, { data: x, shape: [2, 3, 3, 4] }); // shape [2, 36]
 * ```
 */
export function runFlatten(_ir: FlattenIR, x: Activation): Activation {
  return { data: x.data, shape: [x.shape[0]!, x.shape.slice(1).reduce((a, b) => a * b, 1)] };
}

/**
 * Reshapes each example to `params.shape` (at most one `-1`), in C order (no copy).
 *
 * @throws {InteropError} E_INVALID_IR for a shape that is not a list of integers;
 *   E_SHAPE_MISMATCH when the element counts differ.
 * @example
 * ```ts
 * runReshape({ kind: 'reshape', params: { shape: [-1, 4] }, tensors: {} }, { data: x, shape: [2, 12] }); // shape [2, 3, 4]
 * ```
 */
export function runReshape(ir: ReshapeIR, x: Activation): Activation {
  const { shape } = ir.params;
  expectIR(
    Array.isArray(shape) && shape.every((d) => Number.isSafeInteger(d) && d >= -1),
    ir,
    'shape must be a list of non-negative integers and at most one -1',
    shape,
  );
  return { data: x.data, shape: [x.shape[0]!, ...inferOutputShape(ir, x.shape.slice(1))] };
}
