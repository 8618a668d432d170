import { poolOutputShape, resolvePoolPadding } from '@interop/core';
import type { ConvIR, PoolIR } from '@interop/core';
import type { PoolPlan } from '../backend/types.js';
import { planConv } from '../conv/plan.js';
import type { Activation, LayerContext } from './context.js';
import { expectIR, expectInput, isPositiveInt } from './context.js';

const isPad = (p: unknown): boolean => Array.isArray(p) && p.length === 2 && p.every((d) => Number.isSafeInteger(d) && d >= 0);

/**
 * Max or average pooling over 1-3 spatial axes of a `[batch, ...spatial, C]` input with
 * `flax.linen.max_pool`/`avg_pool` semantics: padding `VALID`, `SAME` (odd pad at the end) or
 * explicit pairs; max pads with `-inf`; avg divides by the whole window when `countIncludePad`,
 * else by the valid elements.
 *
 * @throws {InteropError} E_INVALID_IR for malformed params; E_SHAPE_MISMATCH for an input of the
 *   wrong rank.
 * @example
 * ```ts
 * const params = { op: 'avg', windowShape: [2, 2], strides: [2, 2], padding: 'VALID', countIncludePad: true };
 * runPool({ kind: 'pool', params, tensors: {} }, { data: x, shape: [1, 4, 4, 3] }, ctx); // shape [1, 2, 2, 3]
 * ```
 */
export function runPool(ir: PoolIR, x: Activation, ctx: LayerContext): Activation {
  const plan = planPool(ir, x.shape);
  return { data: ctx.backend.pool(x.data, plan), shape: plan.outShape };
}

/**
 * Checks a pool IR against a batched input shape and lowers it to a {@link PoolPlan} (the tap
 * table of a depthwise conv with the same window, strides and resolved padding).
 *
 * @throws {InteropError} E_INVALID_IR / E_SHAPE_MISMATCH, as {@link runPool}.
 */
export function planPool(ir: PoolIR, shape: readonly number[]): PoolPlan & { outShape: number[] } {
  const { op, windowShape, strides, padding, countIncludePad } = ir.params;
  expectIR(op === 'max' || op === 'avg', ir, "op must be 'max' or 'avg'", op);
  const rank = Array.isArray(windowShape) ? windowShape.length : 0;
  expectIR(rank >= 1 && rank <= 3 && windowShape.every(isPositiveInt), ir, 'windowShape must hold 1 to 3 positive integers', windowShape);
  expectIR(
    Array.isArray(strides) && strides.length === rank && strides.every(isPositiveInt),
    ir,
    `strides must hold ${rank} positive integers`,
    strides,
  );
  expectIR(
    padding === 'VALID' || padding === 'SAME' || (Array.isArray(padding) && padding.length === rank && padding.every(isPad)),
    ir,
    `padding must be 'VALID', 'SAME' or ${rank} [low, high] pairs of non-negative integers`,
    padding,
  );
  expectIR(typeof countIncludePad === 'boolean', ir, 'countIncludePad must be a boolean', countIncludePad);
  expectInput(shape.length === rank + 2, ir, shape, `[batch, ${Array(rank).fill('size').join(', ')}, channels]`);
  const example = shape.slice(1);
  const outShape = [shape[0]!, ...poolOutputShape(ir, example)];
  const channels = shape.at(-1)!;
  const pads = resolvePoolPadding(padding, example.slice(0, -1), windowShape, strides);
  const depthwise: ConvIR = {
    kind: 'conv',
    params: {
      inFeatures: channels,
      outFeatures: channels,
      featureGroups: channels,
      kernelSize: windowShape,
      strides,
      padding: pads,
      paddingMode: 'zeros',
      inputDilation: windowShape.map(() => 1),
      kernelDilation: windowShape.map(() => 1),
    },
    tensors: {},
  };
  const conv = planConv(depthwise, shape);
  return {
    batch: conv.batch,
    inSpatial: conv.inSpatial,
    outSpatial: conv.outSpatial,
    taps: conv.taps,
    table: conv.table,
    channels,
    op,
    countIncludePad,
    outShape,
  };
}
