import { defineMapping } from '@interop/core';
import type { LayerNormIR } from '@interop/core';
import { EqxNode } from '../adapter.js';
import { shapeChannelsLast } from '../layout.js';
import { assemble } from '../modules/common.js';
import { LayerNorm } from '../modules/layer-norm.js';
import { checkInput } from './check-input.js';
import { wholeExampleFields } from './whole-example-norm.js';

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
  meta: { framework: 'equinox', layer: 'LayerNorm', ir: 'layer-norm', status: 'stable', description: 'eqx.nn.LayerNorm ↔ layer-norm (over the whole example, channel axis moved)' },
  layerType: LayerNorm,
  toIR: (node: EqxNode, ctx) => {
    const m = node.module as LayerNorm;
    checkInput(ctx, 'LayerNorm', { shape: shapeChannelsLast(m.shape) });
    return m.toIR();
  },
  fromIR: (ir: LayerNormIR, ctx) => {
    const p = ir.params;
    checkInput(ctx, 'LayerNorm', { shape: p.featureShape });
    return new EqxNode(assemble(LayerNorm, wholeExampleFields(p, ir.tensors)));
  },
});
