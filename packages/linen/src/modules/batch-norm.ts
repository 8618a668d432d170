import { InteropError, MissingShapeError, Tensor } from '@interop/core';
import type { BatchNormIR } from '@interop/core';
import { NORM_SHARED_MODELLED, NORM_SHARED_PARAMS, batchNormIR, normModule, setNormFields } from '@interop/flax';
import type { FlaxBatchNormOptions } from '@interop/flax';
import { ones, zeros } from '@interop/runtime';
import type { LinenRngScope } from '../rng-scope.js';
import { Module } from '../module.js';
import { leaf, requireLeaf, requireParams } from '../variables.js';
import type { Variables } from '../variables.js';
import { linenArgs } from '../args.js';
import type { FloatDType } from '@interop/runtime';
import type { PythonCall } from '@interop/core';

/** Keyword arguments of {@link BatchNorm}: Flax's (`@interop/flax`), with `useRunningAverage`. */
export interface BatchNormOptions extends FlaxBatchNormOptions {
  /** Only `true` (running statistics, inference) is computed here. */
  useRunningAverage?: boolean;
}
/**
 * `flax.linen.BatchNorm` over the last axis: `params` `scale`, `bias`; `batch_stats` `mean`
 * (zeros), `var` (ones). Runs in inference (running statistics) only.
 *
 * @example
 * ```ts
 * const y = new BatchNorm({ useRunningAverage: true }).apply(variables, x);
 * ```
 */
export class BatchNorm extends normModule(Module) {
  readonly type = 'BatchNorm';
  readonly useRunningAverage: boolean | undefined;
  readonly momentum: number;

  constructor(
    ...args: PythonCall<
      [],
      [
        useRunningAverage: boolean,
        axis: number,
        momentum: number,
        epsilon: number,
        dtype: FloatDType | null,
        paramDtype: FloatDType,
        useBias: boolean,
        useScale: boolean,
      ],
      BatchNormOptions & { axis?: number }
    >
  ) {
    super();
    const o = linenArgs<BatchNormOptions & { axis?: number }>(
      'BatchNorm',
      [
        'useRunningAverage',
        'axis',
        'momentum',
        ...NORM_SHARED_PARAMS,
        'biasInit',
        'scaleInit',
        'axisName',
        'axisIndexGroups',
        'useFastVariance',
        'forceFloat32Reductions',
      ],
      ['useRunningAverage', 'axis', 'momentum', ...NORM_SHARED_MODELLED],
      args,
    );
    if (o.axis !== undefined && o.axis !== -1) {
      throw new InteropError('E_INVALID_ARGUMENT', `BatchNorm axis=${o.axis} is not modelled: only the feature axis -1 (Linen's default)`, {
        fix: 'Leave axis at -1',
      });
    }
    this.setDtypes(o);
    this.useRunningAverage = o.useRunningAverage;
    this.momentum = o.momentum ?? 0.99;
    setNormFields(this, o, 1e-5);
  }

  initVariables(scope: LinenRngScope, inputShape: readonly number[]): Variables {
    const n = inputShape[inputShape.length - 1]!;
    const params: Record<string, Tensor> = {};
    if (this.useScale) params.scale = ones(scope.makeRng(), [n], this.paramDtype);
    if (this.useBias) params.bias = zeros(scope.makeRng(), [n], this.paramDtype);
    // self.variable draws no key, unlike self.param.
    const stats = { mean: Tensor.zeros([n], 'float32'), var: Tensor.fromArray(new Float32Array(n).fill(1), [n], 'float32') };
    // Linen creates the running statistics before the affine params: batch_stats comes first.
    return { batch_stats: stats, ...(Object.keys(params).length ? { params } : {}) };
  }

  toIR(variables: Variables, inputShape?: readonly number[]): BatchNormIR {
    const stats = variables.batch_stats;
    const mean = leaf(stats, 'mean');
    const variance = leaf(stats, 'var');
    if (!mean || !variance) {
      const found = Object.keys(variables).join(', ') || '(empty)';
      throw new InteropError('E_INVALID_ARGUMENT', "BatchNorm variables need 'batch_stats' with 'mean' and 'var'", { found });
    }
    const params = this.useScale || this.useBias ? requireParams(variables, this.type) : {};
    const scale = this.useScale ? requireLeaf(params, 'scale', this.type) : undefined;
    const bias = this.useBias ? requireLeaf(params, 'bias', this.type) : undefined;
    const channels = mean.shape[0] ?? inputShape?.[inputShape.length - 1];
    if (channels === undefined) throw new MissingShapeError('BatchNorm needs its channel count');
    return batchNormIR(channels, this, { mean, var: variance, scale, bias });
  }

  override apply(variables: Variables, x: Tensor): Tensor {
    if (this.useRunningAverage !== true) {
      throw new InteropError('E_INVALID_ARGUMENT', 'BatchNorm runs here in inference only: construct it with useRunningAverage: true');
    }
    return super.apply(variables, x);
  }
}
