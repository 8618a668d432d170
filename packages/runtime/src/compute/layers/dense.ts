import type { LinearIR } from '@interop/core';
import type { Activation, LayerContext } from './context.js';
import { expectIR, expectInput, isPositiveInt, weight } from './context.js';

/**
 * Dense layer `x @ kernel + bias` over the last axis of a `[batch, ..., in]` activation.
 *
 * @throws {InteropError} E_INVALID_IR for bad sizes or weights; E_SHAPE_MISMATCH for the input.
 * @example
 * ```ts
 * const y = runLinear(ir, { data: x, shape: [2, 3] }, ctx); // y.shape [2, out]
 * ```
 */
export function runLinear(ir: LinearIR, x: Activation, ctx: LayerContext): Activation {
  const { inFeatures, outFeatures } = ir.params;
  expectIR(isPositiveInt(inFeatures) && isPositiveInt(outFeatures), ir, 'inFeatures/outFeatures must be positive integers', ir.params);
  expectInput(x.shape.length >= 2 && x.shape.at(-1) === inFeatures, ir, x.shape, `[batch, ..., ${inFeatures}]`);
  const kernel = weight(ir, 'kernel', [inFeatures, outFeatures], ctx)!;
  const bias = weight(ir, 'bias', [outFeatures], ctx, false);
  const rows = x.data.length / inFeatures;
  const data = ctx.backend.matmul(x.data, kernel, rows, inFeatures, outFeatures, bias);
  return { data, shape: [...x.shape.slice(0, -1), outFeatures] };
}
