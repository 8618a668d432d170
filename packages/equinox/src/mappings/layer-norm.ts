import { defineMapping } from '@interop/core';
import type { LayerNormIR } from '@interop/core';
import { LayerNorm } from '../modules/layer-norm.js';
import { wholeExampleConversion } from './whole-example-norm.js';

/**
 * `eqx.nn.LayerNorm(shape)` ↔ `layer-norm`: Equinox normalises the whole example, so the IR's
 * `featureShape` is `shape` moved channels-last (`(C, H, W)` → `[H, W, C]`, weight and bias
 * moved with it) and must be the whole sample input; an IR layer norm over fewer axes than the
 * example has no Equinox LayerNorm and is refused.
 *
 * @example
 * ```ts
 * layerNorm.toIR(new EqxNode(new LayerNorm([3, 4, 4])), ctx).params.featureShape; // [4, 4, 3]
 * ```
 */
export const layerNorm = defineMapping({
  meta: {
    framework: 'equinox',
    layer: 'LayerNorm',
    ir: 'layer-norm',
    status: 'stable',
    description: 'eqx.nn.LayerNorm ↔ layer-norm (over the whole example, channel axis moved)',
  },
  layerType: LayerNorm,
  ...wholeExampleConversion<LayerNormIR>('LayerNorm', LayerNorm),
});
