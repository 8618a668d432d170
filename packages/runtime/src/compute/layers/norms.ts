import type { BatchNormIR, GroupNormIR, LayerNormIR, RMSNormIR } from '@interop/core';
import type { Activation, LayerContext } from './context.js';
import { expectIR, expectInput, isPositiveInt, product, sameShape, weight } from './context.js';

const VARIANCES = ['fast', 'two-pass'];

/**
 * Layer norm over the trailing `featureShape` axes; `variance` picks Flax's fast formula
 * `max(0, E[x²]-E[x]²)` or the two-pass `E[(x-E[x])²]`; epsilon sits inside the rsqrt.
 *
 * @throws {InteropError} E_INVALID_IR / E_SHAPE_MISMATCH.
 * @example
 * ```ts
 * runLayerNorm(ir, { data: x, shape: [4, 16] }, ctx);
 * ```
 */
export function runLayerNorm(ir: LayerNormIR | RMSNormIR, x: Activation, ctx: LayerContext): Activation {
  const { featureShape, epsilon } = ir.params;
  expectIR(Array.isArray(featureShape) && featureShape.every(isPositiveInt), ir, 'featureShape must hold positive integers', featureShape);
  expectIR(typeof epsilon === 'number' && epsilon >= 0, ir, 'epsilon must be a non-negative number', epsilon);
  const stat = ir.kind === 'rms-norm' ? 'rms' : ir.params.variance;
  expectIR(stat === 'rms' || VARIANCES.includes(stat), ir, "variance must be 'fast' or 'two-pass'", stat);
  const k = featureShape.length;
  expectInput(x.shape.length > k && sameShape(x.shape.slice(-k), featureShape), ir, x.shape, `[batch, ..., ${featureShape.join(', ')}]`);
  const size = product(featureShape);
  const scale = weight(ir, 'scale', featureShape, ctx, false);
  const bias = weight(ir, 'bias', featureShape, ctx, false);
  const plan = { outer: x.data.length / size, spatial: 1, groups: 1, groupSize: size, epsilon, stat } as const;
  return { data: ctx.backend.normalize(x.data, plan, scale, bias), shape: x.shape };
}

/**
 * Group norm, channels-last: statistics per example and group over all spatial axes and the
 * group's contiguous channels.
 *
 * @throws {InteropError} E_INVALID_IR / E_SHAPE_MISMATCH.
 * @example
 * ```ts
 * runGroupNorm(ir, { data: x, shape: [2, 8, 8, 16] }, ctx);
 * ```
 */
export function runGroupNorm(ir: GroupNormIR, x: Activation, ctx: LayerContext): Activation {
  const { channels, numGroups, epsilon, variance } = ir.params;
  expectIR(
    isPositiveInt(channels) && isPositiveInt(numGroups) && channels % numGroups === 0,
    ir,
    'channels must be a positive multiple of numGroups',
    ir.params,
  );
  expectIR(VARIANCES.includes(variance), ir, "variance must be 'fast' or 'two-pass'", variance);
  expectInput(x.shape.length >= 2 && x.shape.at(-1) === channels, ir, x.shape, `[batch, ..., ${channels}]`);
  const scale = weight(ir, 'scale', [channels], ctx, false);
  const bias = weight(ir, 'bias', [channels], ctx, false);
  const plan = {
    outer: x.shape[0]!,
    spatial: product(x.shape.slice(1, -1)),
    groups: numGroups,
    groupSize: channels / numGroups,
    epsilon,
    stat: variance,
  };
  return { data: ctx.backend.normalize(x.data, plan, scale, bias), shape: x.shape };
}

/**
 * Batch norm in inference mode over the last (channel) axis:
 * `(x - mean) * (rsqrt(var + eps) * scale) + bias` with the running statistics.
 *
 * @throws {InteropError} E_INVALID_IR / E_SHAPE_MISMATCH.
 * @example
 * ```ts
 * runBatchNorm(ir, { data: x, shape: [2, 4, 4, 8] }, ctx);
 * ```
 */
export function runBatchNorm(ir: BatchNormIR, x: Activation, ctx: LayerContext): Activation {
  const { channels: C, epsilon } = ir.params;
  expectIR(isPositiveInt(C) && typeof epsilon === 'number' && epsilon >= 0, ir, 'channels and epsilon are required', ir.params);
  expectInput(x.shape.length >= 2 && x.shape.at(-1) === C, ir, x.shape, `[batch, ..., ${C}]`);
  const { backend } = ctx;
  const mean = weight(ir, 'mean', [C], ctx)!;
  const variance = weight(ir, 'var', [C], ctx)!;
  const scale = weight(ir, 'scale', [C], ctx, false);
  const bias = weight(ir, 'bias', [C], ctx, false);
  const mul = backend.alloc(C);
  const add = backend.alloc(C);
  for (let c = 0; c < C; c++) {
    mul[c] = (1 / Math.sqrt(variance[c]! + epsilon)) * (scale ? scale[c]! : 1);
    add[c] = bias ? bias[c]! : 0;
  }
  return { data: backend.channelAffine(x.data, C, mean, mul, add), shape: x.shape };
}
