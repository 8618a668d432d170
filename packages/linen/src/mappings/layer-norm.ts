import { ConversionError, defineMapping } from '@interop/core';
import type { LayerNormIR } from '@interop/core';
import { LinenNode } from '../adapter.js';
import { LayerNorm } from '../modules/layer-norm.js';

/**
 * `nn.LayerNorm` ↔ `layer-norm` over the last axis; without scale and bias the feature count
 * comes from the threaded input shape.
 *
 * @example
 * ```ts
 * registry.toIR([new LayerNorm({ useScale: false, useBias: false }), {}], 'linen', { sampleInput: [6] });
 * ```
 */
export const layerNorm = defineMapping({
  meta: { framework: 'linen', layer: 'LayerNorm', ir: 'layer-norm', status: 'stable', description: 'flax.linen.LayerNorm ↔ layer-norm (last axis, fast variance by default)' },
  layerType: LayerNorm,
  toIR: (node: LinenNode, ctx) => node.module.toIR(node.variables, ctx.inputShape ?? undefined),
  fromIR: (ir: LayerNormIR) => {
    if (ir.params.featureShape.length !== 1) {
      throw new ConversionError(`Linen LayerNorm here normalises one axis, the IR has ${ir.params.featureShape.length}`);
    }
    const { scale, bias } = ir.tensors;
    const module = new LayerNorm({
      epsilon: ir.params.epsilon,
      useScale: scale !== undefined,
      useBias: bias !== undefined,
      useFastVariance: ir.params.variance === 'fast',
    });
    const params = { ...(scale ? { scale } : {}), ...(bias ? { bias } : {}) };
    return new LinenNode(module, Object.keys(params).length ? { params } : {});
  },
});
