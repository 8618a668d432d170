import { defineMapping } from '@interop/core';
import type { BatchNormIR } from '@interop/core';
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
  meta: { framework: 'nnx', layer: 'BatchNorm', ir: 'batch-norm', status: 'stable', description: 'flax.nnx.BatchNorm ↔ batch-norm (BatchStat mean/var)' },
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
