import { defineMapping } from '@interop/core';
import type { GroupNormIR } from '@interop/core';
import { LinenNode } from '../adapter.js';
import { GroupNorm } from '../modules/group-norm.js';

/**
 * `nn.GroupNorm` ↔ `group-norm`; without scale and bias the channel count comes from the
 * threaded input shape. Built with `num_groups` (a `group_size` becomes its group count).
 *
 * @example
 * ```ts
 * registry.toIR([new GroupNorm(2, { useScale: false, useBias: false }), {}], 'linen', { sampleInput: [4, 8] });
 * ```
 */
export const groupNorm = defineMapping({
  meta: { framework: 'linen', layer: 'GroupNorm', ir: 'group-norm', status: 'stable', description: 'flax.linen.GroupNorm ↔ group-norm (channels-last groups)' },
  layerType: GroupNorm,
  toIR: (node: LinenNode, ctx) => node.module.toIR(node.variables, ctx.inputShape ?? undefined),
  fromIR: (ir: GroupNormIR) => {
    const { scale, bias } = ir.tensors;
    const module = new GroupNorm(ir.params.numGroups, {
      epsilon: ir.params.epsilon,
      useScale: scale !== undefined,
      useBias: bias !== undefined,
      useFastVariance: ir.params.variance === 'fast',
    });
    const params = { ...(scale ? { scale } : {}), ...(bias ? { bias } : {}) };
    return new LinenNode(module, Object.keys(params).length ? { params } : {});
  },
});
