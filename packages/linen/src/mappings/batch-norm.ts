import { defineMapping } from '@interop/core';
import type { BatchNormIR, Tensor } from '@interop/core';
import { LinenNode } from '../adapter.js';
import { BatchNorm } from '../modules/batch-norm.js';

/**
 * `nn.BatchNorm` ↔ `batch-norm`: running statistics from `batch_stats`, affine from `params`;
 * built with `use_running_average=True`, as an inference conversion.
 *
 * @example
 * ```ts
 * batchNorm.toIR(new LinenNode(new BatchNorm(true), variables), ctx);
 * ```
 */
export const batchNorm = defineMapping({
  meta: { framework: 'linen', layer: 'BatchNorm', ir: 'batch-norm', status: 'stable', description: 'flax.linen.BatchNorm ↔ batch-norm (batch_stats mean/var)' },
  layerType: BatchNorm,
  toIR: (node: LinenNode, ctx) => node.module.toIR(node.variables, ctx.inputShape ?? undefined),
  fromIR: (ir: BatchNormIR) => {
    const { mean, var: variance, scale, bias } = ir.tensors;
    const module = new BatchNorm({
      useRunningAverage: true,
      momentum: ir.params.momentum,
      epsilon: ir.params.epsilon,
      useScale: scale !== undefined,
      useBias: bias !== undefined,
    });
    const params: Record<string, Tensor> = { ...(scale ? { scale } : {}), ...(bias ? { bias } : {}) };
    return new LinenNode(module, { ...(Object.keys(params).length ? { params } : {}), batch_stats: { mean: mean!, var: variance! } });
  },
});
