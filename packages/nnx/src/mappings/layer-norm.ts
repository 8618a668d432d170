import { ConversionError, defineMapping } from '@interop/core';
import type { LayerNormIR } from '@interop/core';
import { DTYPE_FIELDS, NORM_FIELDS, atValues, need, needed, normArgs, normOptionsFromIR, normSpecArgs } from '@interop/flax';
import { NORM_ARGS, leafOf } from '../layer-spec.js';
import type { NnxLayerSpec } from '../layer-spec.js';
import { LayerNorm } from '../modules/layer-norm.js';
import { SHAPE_ONLY } from '../rngs.js';
import { fill, floatDtype } from './build.js';

/**
 * `nnx.LayerNorm` ↔ `layer-norm` over the last axis; `use_fast_variance` is the IR's variance mode.
 *
 * @throws {ConversionError} for a norm over more than the last axis.
 * @example
 * ```ts
 * layerNorm.toIR(new LayerNorm(6, { rngs: new Rngs(0) }), ctx);
 * ```
 */
export const layerNorm = defineMapping({
  meta: {
    framework: 'nnx',
    layer: 'LayerNorm',
    ir: 'layer-norm',
    status: 'stable',
    description: 'flax.nnx.LayerNorm ↔ layer-norm (last axis)',
  },
  layerType: LayerNorm,
  toIR: (layer: LayerNorm) => layer.toIR(),
  fromIR: (ir: LayerNormIR) => {
    const { featureShape } = ir.params;
    if (featureShape.length !== 1)
      throw new ConversionError(`NNX LayerNorm here normalises the last axis only; the IR normalises ${featureShape.length} axes`);
    const { scale, bias } = ir.tensors;
    const m = new LayerNorm(featureShape[0]!, { ...normOptionsFromIR(ir), paramDtype: floatDtype(scale ?? bias), rngs: SHAPE_ONLY });
    fill(m.scale, scale);
    fill(m.bias, bias);
    return m;
  },
});

/**
 * The spec of `nnx.LayerNorm`; inferred from only `scale` and `bias` (which RMSNorm and GroupNorm
 * also store, so the epsilon is an assumption).
 *
 * @example
 * ```ts
 * layerNormSpec.read({ type: 'LayerNorm', num_features: 6 }, context);
 * ```
 */
export const layerNormSpec: NnxLayerSpec<LayerNorm> = {
  layerType: LayerNorm,
  types: { LayerNorm: NORM_ARGS },
  fields: { num_features: needed('int', 8), ...NORM_FIELDS, ...DTYPE_FIELDS },
  unmodelled: atValues({ reduction_axes: -1 }),
  read: (spec, { dtypes, rngs }) => new LayerNorm(need(spec, 'num_features'), { ...dtypes, ...normArgs(spec), rngs }),
  write: (m) => ({ type: 'LayerNorm', num_features: m.numFeatures, ...normSpecArgs(m) }),
  infer: (tree, assume) => {
    const [scale, bias] = [leafOf(tree, 'scale'), leafOf(tree, 'bias')];
    const norm = scale ?? bias;
    if (!norm || !Object.keys(tree).every((k) => k === 'scale' || k === 'bias')) return undefined;
    assume('LayerNorm with epsilon 1e-6 (RMSNorm and GroupNorm store the same names)');
    return new LayerNorm(norm.shape[0]!, { rngs: SHAPE_ONLY, useScale: !!scale, useBias: !!bias, paramDtype: floatDtype(norm) });
  },
};
