import { ConversionError, defineMapping } from '@interop/core';
import type { RMSNormIR } from '@interop/core';
import { RMSNorm } from '../modules/rms-norm.js';
import { checkedToIR } from './shape-check.js';

/**
 * `brainstate.nn.RMSNorm` ↔ `rms-norm`: state `scale` `{ scale }` (or none), no bias. An IR bias
 * (Equinox's) converts only when it is all zeros, as the anchor decides.
 *
 * @example
 * ```ts
 * rmsNorm.toIR(new RMSNorm(6), ctx);
 * ```
 */
export const rmsNorm = defineMapping({
  meta: {
    framework: 'brainstate',
    layer: 'RMSNorm',
    ir: 'rms-norm',
    status: 'stable',
    description: 'brainstate.nn.RMSNorm ↔ rms-norm (scale {scale}, no bias)',
  },
  layerType: RMSNorm,
  toIR: checkedToIR((ir: RMSNormIR) => ir.params.featureShape[0]!),
  fromIR: (ir: RMSNormIR) => {
    const { featureShape, epsilon } = ir.params;
    if (featureShape.length !== 1) {
      throw new ConversionError(`brainstate RMSNorm is built over the last axis only, not over [${featureShape.join(', ')}]`, {
        found: `[${featureShape.join(', ')}]`,
      });
    }
    const { scale, bias } = ir.tensors;
    if (bias && bias.toArray().some((v) => v !== 0)) {
      throw new ConversionError(
        'RMSNorm has a non-zero bias term, which brainstate RMSNorm (bias-free) cannot represent; conversion would silently change the layer.',
        { fix: 'Fold the bias into the next layer, or keep the model in its framework' },
      );
    }
    const layer = new RMSNorm([featureShape[0]!], { useScale: scale !== undefined, epsilon });
    if (layer.scale && scale) layer.scale.value = { scale };
    return layer;
  },
});
