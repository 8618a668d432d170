import { ConversionError, defineMapping } from '@interop/core';
import type { LayerNormIR } from '@interop/core';
import { LayerNorm } from '../modules/layer-norm.js';
import { checkedToIR } from './shape-check.js';

/**
 * `brainstate.nn.LayerNorm` ↔ `layer-norm` over the last axis: `weight` `{ scale?, bias? }` (or no
 * state without either). Built as BrainState's builder does, `LayerNorm((C,))`; a stack keeps the
 * spatial sizes around it because the engine threads shapes through the IR.
 *
 * @example
 * ```ts
 * layerNorm.toIR(new LayerNorm(6), ctx);
 * ```
 */
export const layerNorm = defineMapping({
  meta: {
    framework: 'brainstate',
    layer: 'LayerNorm',
    ir: 'layer-norm',
    status: 'stable',
    description: 'brainstate.nn.LayerNorm ↔ layer-norm (last axis, weight {scale, bias})',
  },
  layerType: LayerNorm,
  toIR: checkedToIR((ir: LayerNormIR) => ir.params.featureShape[0]!),
  fromIR: (ir: LayerNormIR) => {
    const { featureShape, epsilon, variance } = ir.params;
    if (featureShape.length !== 1) {
      throw new ConversionError(
        `brainstate LayerNorm is built over the last axis only, not over the ${featureShape.length} axes [${featureShape.join(', ')}]`,
        {
          found: `[${featureShape.join(', ')}]`,
          fix: 'Normalise over the channel axis only',
        },
      );
    }
    const { scale, bias } = ir.tensors;
    const layer = new LayerNorm([featureShape[0]!], {
      useScale: scale !== undefined,
      useBias: bias !== undefined,
      epsilon,
      useFastVariance: variance === 'fast',
    });
    if (layer.weight) layer.weight.value = { ...(scale ? { scale } : {}), ...(bias ? { bias } : {}) };
    return layer;
  },
});
