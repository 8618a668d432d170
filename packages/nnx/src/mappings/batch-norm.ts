import { defineMapping } from '@interop/core';
import type { BatchNormIR } from '@interop/core';
import { DTYPE_FIELDS, NORM_FIELDS, bool, need, needed, normArgs, normSpecArgs, num, optional } from '@interop/flax';
import { NORM_ARGS, leafOf } from '../layer-spec.js';
import type { NnxLayerSpec } from '../layer-spec.js';
import { BatchNorm } from '../modules/batch-norm.js';
import { SHAPE_ONLY } from '../rngs.js';
import { fill, floatDtype } from './build.js';

/**
 * `nnx.BatchNorm` ↔ `batch-norm`: `BatchStat`s `mean`/`var`, `Param`s `scale`/`bias`; built with
 * `use_running_average=True`, as an inference conversion.
 *
 * @example
 * ```ts
 * batchNorm.toIR(new BatchNorm(3, { useRunningAverage: true, rngs: new Rngs(0) }), ctx);
 * ```
 */
export const batchNorm = defineMapping({
  meta: {
    framework: 'nnx',
    layer: 'BatchNorm',
    ir: 'batch-norm',
    status: 'stable',
    description: 'flax.nnx.BatchNorm ↔ batch-norm (BatchStat mean/var)',
  },
  layerType: BatchNorm,
  toIR: (layer: BatchNorm) => layer.toIR(),
  fromIR: (ir: BatchNormIR) => {
    const { mean, var: variance, scale, bias } = ir.tensors;
    const dt = floatDtype(scale ?? bias);
    const m = new BatchNorm(ir.params.channels, {
      useRunningAverage: true,
      momentum: ir.params.momentum,
      epsilon: ir.params.epsilon,
      useScale: scale !== undefined,
      useBias: bias !== undefined,
      dtype: dt,
      paramDtype: dt,
      rngs: SHAPE_ONLY,
    });
    fill(m.mean, mean);
    fill(m.var, variance);
    fill(m.scale, scale);
    fill(m.bias, bias);
    return m;
  },
});

/**
 * The spec of `nnx.BatchNorm`; inferred from `mean` and `var` (NNX's momentum and epsilon assumed).
 *
 * @example
 * ```ts
 * batchNormSpec.read({ type: 'BatchNorm', num_features: 3, use_running_average: true }, context);
 * ```
 */
export const batchNormSpec: NnxLayerSpec<BatchNorm> = {
  layerType: BatchNorm,
  types: { BatchNorm: [...NORM_ARGS, 'use_running_average', 'momentum'] },
  fields: {
    num_features: needed('int', 8),
    ...NORM_FIELDS,
    epsilon: optional('float', 1e-5),
    ...DTYPE_FIELDS,
    use_running_average: optional('bool', false),
    momentum: optional('float', 0.99),
  },
  read: (spec, { dtypes, rngs }) =>
    new BatchNorm(need(spec, 'num_features'), {
      ...dtypes,
      ...normArgs(spec),
      rngs,
      useRunningAverage: bool(spec, 'use_running_average'),
      momentum: num(spec, 'momentum'),
    }),
  write: (m) => ({
    type: 'BatchNorm',
    num_features: m.numFeatures,
    use_running_average: m.useRunningAverage,
    momentum: m.momentum,
    ...normSpecArgs(m),
  }),
  infer: (tree, assume) => {
    const [mean, scale, bias] = [leafOf(tree, 'mean'), leafOf(tree, 'scale'), leafOf(tree, 'bias')];
    if (!mean || !leafOf(tree, 'var')) return undefined;
    assume("BatchNorm with momentum 0.99 and epsilon 1e-5 (NNX's defaults), use_running_average=True");
    return new BatchNorm(mean.shape[0]!, {
      rngs: SHAPE_ONLY,
      useRunningAverage: true,
      useScale: !!scale,
      useBias: !!bias,
      paramDtype: floatDtype(scale ?? bias ?? mean),
    });
  },
};
