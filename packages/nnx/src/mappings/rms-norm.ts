import { ConversionError, defineMapping } from '@interop/core';
import type { RMSNormIR } from '@interop/core';
import { DTYPE_FIELDS, atValues, bool, need, needed, num, optional } from '@interop/flax';
import { DTYPE_ARGS } from '../layer-spec.js';
import type { NnxLayerSpec } from '../layer-spec.js';
import { RMSNorm } from '../modules/rms-norm.js';
import { SHAPE_ONLY } from '../rngs.js';
import { fill, floatDtype } from './build.js';

/**
 * `nnx.RMSNorm` ↔ `rms-norm` over the last axis. NNX's RMSNorm has no bias: an IR with one is
 * refused rather than dropped.
 *
 * @throws {ConversionError} for a bias or a norm over more than the last axis.
 * @example
 * ```ts
 * rmsNorm.toIR(new RMSNorm(6, { rngs: new Rngs(0) }), ctx);
 * ```
 */
export const rmsNorm = defineMapping({
  meta: {
    framework: 'nnx',
    layer: 'RMSNorm',
    ir: 'rms-norm',
    status: 'stable',
    description: 'flax.nnx.RMSNorm ↔ rms-norm (last axis, no bias)',
  },
  layerType: RMSNorm,
  toIR: (layer: RMSNorm) => layer.toIR(),
  fromIR: (ir: RMSNormIR) => {
    const { featureShape, epsilon } = ir.params;
    if (featureShape.length !== 1)
      throw new ConversionError(`NNX RMSNorm here normalises the last axis only; the IR normalises ${featureShape.length} axes`);
    if (ir.tensors.bias)
      throw new ConversionError('NNX RMSNorm has no bias; this RMS norm has one', {
        fix: 'Convert to a framework whose RMSNorm has a bias (Equinox)',
      });
    const { scale } = ir.tensors;
    const m = new RMSNorm(featureShape[0]!, { epsilon, useScale: scale !== undefined, paramDtype: floatDtype(scale), rngs: SHAPE_ONLY });
    fill(m.scale, scale);
    return m;
  },
});

/**
 * The spec of `nnx.RMSNorm` (its `scale` looks like a LayerNorm's, so it is not inferred).
 *
 * @example
 * ```ts
 * rmsNormSpec.read({ type: 'RMSNorm', num_features: 6 }, context);
 * ```
 */
export const rmsNormSpec: NnxLayerSpec<RMSNorm> = {
  layerType: RMSNorm,
  types: { RMSNorm: ['num_features', 'epsilon', 'use_scale', ...DTYPE_ARGS] },
  fields: { num_features: needed('int', 8), epsilon: optional('float', 1e-6), use_scale: optional('bool', true), ...DTYPE_FIELDS },
  unmodelled: atValues({ reduction_axes: -1 }),
  read: (spec, { dtypes, rngs }) =>
    new RMSNorm(need(spec, 'num_features'), { ...dtypes, rngs, epsilon: num(spec, 'epsilon'), useScale: bool(spec, 'use_scale') }),
  write: (m) => ({ type: 'RMSNorm', num_features: m.numFeatures, epsilon: m.epsilon, use_scale: m.useScale }),
};
