import { defineMapping } from '@interop/core';
import type { BatchNormIR, Tensor } from '@interop/core';
import { DTYPE_FIELDS, NORM_FIELDS, bool, normArgs, normSpecArgs, num, optional } from '@interop/flax';
import { LinenNode } from '../adapter.js';
import type { LinenLayerSpec } from '../layer-spec.js';
import { BatchNorm } from '../modules/batch-norm.js';
import { leaf } from '../variables.js';

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
  meta: {
    framework: 'linen',
    layer: 'BatchNorm',
    ir: 'batch-norm',
    status: 'stable',
    description: 'flax.linen.BatchNorm ↔ batch-norm (batch_stats mean/var)',
  },
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

/**
 * The spec of `nn.BatchNorm`; inferred from `batch_stats` holding `mean` and `var`.
 *
 * @example
 * ```ts
 * batchNormSpec.read({ type: 'BatchNorm', use_running_average: true }, context);
 * ```
 */
export const batchNormSpec: LinenLayerSpec<BatchNorm> = {
  layerType: BatchNorm,
  types: {
    BatchNorm: ['use_running_average', 'momentum', 'epsilon', 'use_bias', 'use_scale', 'use_fast_variance', 'dtype', 'param_dtype'],
  },
  fields: {
    use_running_average: optional('bool | null', null),
    momentum: optional('float', 0.99),
    ...NORM_FIELDS,
    epsilon: optional('float', 1e-5),
    ...DTYPE_FIELDS,
  },
  read: (spec, { dtypes }) =>
    new BatchNorm({ ...dtypes, ...normArgs(spec), useRunningAverage: bool(spec, 'use_running_average'), momentum: num(spec, 'momentum') }),
  write: (m) => ({
    type: 'BatchNorm',
    ...(m.useRunningAverage !== undefined ? { use_running_average: m.useRunningAverage } : {}),
    momentum: m.momentum,
    ...normSpecArgs(m),
  }),
  infer: ({ params, stats }, assume) => {
    if (!leaf(stats, 'mean') || !leaf(stats, 'var')) return undefined;
    assume("BatchNorm from batch_stats, momentum 0.99 and epsilon 1e-5 (Linen's defaults), use_running_average=True");
    return new BatchNorm({ useRunningAverage: true, useScale: !!leaf(params, 'scale'), useBias: !!leaf(params, 'bias') });
  },
};
