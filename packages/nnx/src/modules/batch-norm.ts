import { InteropError, Tensor } from '@interop/core';
import type { BatchNormIR, PythonCall } from '@interop/core';
import { NORM_SHARED_MODELLED, NORM_SHARED_PARAMS, batchNormIR, normModule, setNormFields } from '@interop/flax';
import type { FlaxBatchNormOptions } from '@interop/flax';
import { ones, runIR, zeros } from '@interop/runtime';
import type { Rngs } from '../rngs.js';
import { nnxArgs, required } from '../args.js';
import { Module, requireTensor } from '../module.js';
import { castTo, resultDtype } from '../dtypes.js';
import { initParam, requireRngs } from '../rngs.js';
import { BatchStat } from '../variables.js';
import type { Param } from '../variables.js';

/** Keyword arguments of {@link BatchNorm}: Flax's (`@interop/flax`), `useRunningAverage`, `axis` and `rngs`. */
export interface BatchNormOptions extends FlaxBatchNormOptions {
  /** Running statistics (inference) when true; batch statistics, updating the running ones, when false. @default false */
  useRunningAverage?: boolean | null;
  /** Only -1 (the last axis). @default -1 */
  axis?: number;
  /** Key streams (required, as in NNX). */
  rngs: Rngs;
}

/**
 * `flax.nnx.BatchNorm(num_features, *, use_running_average=False, momentum=0.99, epsilon=1e-5, ...)`:
 * `BatchStat`s `mean` (zeros) and `var` (ones, both float32), `Param`s `scale` and `bias`. With
 * `useRunningAverage: true` (or after `model.eval()`) it uses the running statistics; otherwise
 * the batch's, updating the running ones.
 *
 * @example
 * ```ts
 * const bn = new BatchNorm(3, { useRunningAverage: true, rngs: new Rngs(0) });
 * const y = bn.call(x);
 * ```
 */
export class BatchNorm extends normModule(Module) {
  readonly type = 'BatchNorm';
  readonly numFeatures: number;
  useRunningAverage: boolean;
  readonly momentum: number;
  mean: BatchStat;
  var: BatchStat;
  scale: Param | null;
  bias: Param | null;

  constructor(...args: PythonCall<[numFeatures: number], [], BatchNormOptions>) {
    super();
    const o = nnxArgs<BatchNormOptions & { numFeatures?: number }>(
      'BatchNorm',
      [
        'numFeatures',
        'useRunningAverage',
        'axis',
        'momentum',
        ...NORM_SHARED_PARAMS,
        'biasInit',
        'scaleInit',
        'axisName',
        'axisIndexGroups',
        'useFastVariance',
        'promoteDtype',
        'rngs',
        'biasMetadata',
        'scaleMetadata',
      ],
      1,
      ['numFeatures', 'useRunningAverage', 'axis', 'momentum', ...NORM_SHARED_MODELLED, 'rngs'],
      args,
    );
    if (o.axis !== undefined && o.axis !== -1) {
      throw new InteropError('E_INVALID_ARGUMENT', `BatchNorm axis=${o.axis} is not modelled: only the feature axis -1 (NNX's default)`, {
        fix: 'Leave axis at -1',
      });
    }
    const n = (this.numFeatures = required('BatchNorm', 'numFeatures', o.numFeatures));
    this.useRunningAverage = o.useRunningAverage ?? false;
    this.momentum = o.momentum ?? 0.99;
    setNormFields(this, o, 1e-5);
    this.setDtypes(o);
    // NNX keeps the running statistics in float32 whatever param_dtype is.
    this.mean = new BatchStat(Tensor.zeros([n], 'float32'));
    this.var = new BatchStat(Tensor.fromArray(new Float32Array(n).fill(1), [n], 'float32'));
    const rngs = requireRngs('BatchNorm', o.rngs);
    this.scale = this.useScale ? initParam(rngs, ones, [n], this.paramDtype) : null;
    this.bias = this.useBias ? initParam(rngs, zeros, [n], this.paramDtype) : null;
  }

  // Flax promotes the input with scale and bias only; the float32 statistics do not count.
  protected override ownArrays(): Tensor[] {
    return [this.scale?.value, this.bias?.value].filter((t): t is Tensor => t !== undefined);
  }

  /** `model.train()` / `model.eval()`. */
  setMode(training: boolean): void {
    this.useRunningAverage = !training;
  }

  toIR(): BatchNormIR {
    return batchNormIR(this.numFeatures, this, {
      mean: this.mean.value,
      var: this.var.value,
      scale: this.scale?.value,
      bias: this.bias?.value,
    });
  }

  /**
   * `bn(x, use_running_average=...)`. With running averages: the stored statistics. Without
   * (training): the batch's mean and biased variance over every axis but the last normalise `x`,
   * and the running statistics move towards them (`m * running + (1 - m) * batch`), as NNX does.
   */
  override call(input: Tensor, options: { useRunningAverage?: boolean | null } = {}): Tensor {
    const x = requireTensor(input, 'BatchNorm.call');
    if ((options.useRunningAverage ?? this.useRunningAverage) === true) return super.call(x);
    const { mean, variance } = this.batchStats(x);
    const ir = this.toIR();
    const y = runIR({ ...ir, tensors: { ...ir.tensors, mean, var: variance } }, x);
    const m = Math.fround(this.momentum);
    const rest = Math.fround(1 - this.momentum);
    const blend = (running: Tensor, batch: Tensor) => {
      const r = running.astype('float32').data as Float32Array;
      const b = batch.data as Float32Array;
      return Tensor.fromArray(
        r.map((v, i) => Math.fround(Math.fround(m * v) + Math.fround(rest * b[i]!))),
        running.shape,
        'float32',
      );
    };
    this.mean.value = blend(this.mean.value, mean);
    this.var.value = blend(this.var.value, variance);
    return castTo(y, resultDtype(this.dtype, [x, ...this.ownArrays()]));
  }

  // Statistics in float32 (at least), over every axis but the feature axis.
  private batchStats(x: Tensor): { mean: Tensor; variance: Tensor } {
    const c = this.numFeatures;
    if (x.ndim < 1 || x.shape[x.ndim - 1] !== c) {
      throw new InteropError('E_SHAPE_MISMATCH', `BatchNorm(${c}) got an input whose last axis is not ${c}`, { found: x.shape });
    }
    const data = x.astype('float32').data as Float32Array;
    const n = data.length / c;
    const sum = new Float64Array(c);
    const sq = new Float64Array(c);
    for (let i = 0; i < data.length; i++) {
      const v = data[i]!;
      sum[i % c]! += v;
      sq[i % c]! += v * v;
    }
    const mean = Float32Array.from(sum, (s) => s / n);
    const variance = this.useFastVariance
      ? Float32Array.from(sq, (q, j) => Math.max(0, Math.fround(q / n) - Math.fround(mean[j]! * mean[j]!)))
      : Float32Array.from({ length: c }, (_, j) => {
          let acc = 0;
          for (let i = j; i < data.length; i += c) acc += (data[i]! - mean[j]!) ** 2;
          return acc / n;
        });
    return { mean: Tensor.fromArray(mean, [c], 'float32'), variance: Tensor.fromArray(variance, [c], 'float32') };
  }
}
