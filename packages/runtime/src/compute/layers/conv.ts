import type { ConvIR } from '@interop/core';
import { planConv } from '../conv/plan.js';
import type { Activation, LayerContext } from './context.js';
import { expectIR, expectInput, isPositiveInt, weight } from './context.js';

const MODES = ['zeros', 'circular', 'reflect', 'replicate'];

/**
 * N-d convolution (1-3 spatial axes), channels-last, with `lax.conv_general_dilated` semantics:
 * strides, padding pairs or string modes, padding modes, kernel and input dilation, feature
 * groups. Kernel `[...kernelSize, in/groups, out]`.
 *
 * @throws {InteropError} E_INVALID_IR for inconsistent hyperparameters or weights;
 *   E_SHAPE_MISMATCH when the input is not `[batch, ...spatial, in]`.
 * @example
 * ```ts
 * const y = runConv(ir, { data: x, shape: [1, 8, 8, 3] }, ctx);
 * ```
 */
export function runConv(ir: ConvIR, x: Activation, ctx: LayerContext): Activation {
  const p = ir.params;
  const rank = p.kernelSize?.length ?? 0;
  expectIR(rank >= 1 && rank <= 3, ir, 'kernelSize must have 1 to 3 entries', p.kernelSize);
  for (const key of ['kernelSize', 'strides', 'inputDilation', 'kernelDilation'] as const) {
    const v = p[key];
    expectIR(Array.isArray(v) && v.length === rank && v.every(isPositiveInt), ir, `${key} must hold ${rank} positive integers`, v);
  }
  expectIR(
    isPositiveInt(p.inFeatures) &&
      isPositiveInt(p.outFeatures) &&
      isPositiveInt(p.featureGroups) &&
      p.inFeatures % p.featureGroups === 0 &&
      p.outFeatures % p.featureGroups === 0,
    ir,
    'inFeatures and outFeatures must be positive multiples of featureGroups',
    p,
  );
  expectIR(MODES.includes(p.paddingMode), ir, `paddingMode must be one of ${MODES.join(', ')}`, p.paddingMode);
  expectInput(
    x.shape.length === rank + 2 && x.shape.at(-1) === p.inFeatures,
    ir,
    x.shape,
    `[batch, ${Array(rank).fill('size').join(', ')}, ${p.inFeatures}]`,
  );
  const kernel = weight(ir, 'kernel', [...p.kernelSize, p.inFeatures / p.featureGroups, p.outFeatures], ctx)!;
  const bias = weight(ir, 'bias', [p.outFeatures], ctx, false);
  const plan = planConv(ir, x.shape);
  const data = ctx.backend.conv(x.data, kernel, plan, bias);
  return { data, shape: [x.shape[0]!, ...plan.outShape, p.outFeatures] };
}
