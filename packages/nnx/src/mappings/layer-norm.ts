import { ConversionError, defineMapping } from '@interop/core';
import type { LayerNormIR } from '@interop/core';
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
  meta: { framework: 'nnx', layer: 'LayerNorm', ir: 'layer-norm', status: 'stable', description: 'flax.nnx.LayerNorm ↔ layer-norm (last axis)' },
  layerType: LayerNorm,
  toIR: (layer: LayerNorm) => layer.toIR(),
  fromIR: (ir: LayerNormIR) => {
    const { featureShape, epsilon, variance } = ir.params;
    if (featureShape.length !== 1) throw new ConversionError(`NNX LayerNorm here normalises the last axis only; the IR normalises ${featureShape.length} axes`);
    const { scale, bias } = ir.tensors;
    const m = new LayerNorm(featureShape[0]!, {
      epsilon,
      useScale: scale !== undefined,
      useBias: bias !== undefined,
      useFastVariance: variance === 'fast',
      paramDtype: floatDtype(scale ?? bias),
      rngs: SHAPE_ONLY,
    });
    fill(m.scale, scale);
    fill(m.bias, bias);
    return m;
  },
});
