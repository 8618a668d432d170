import { InteropError, Tensor } from '@interop/core';
import type { BatchNormIR, PythonCall } from '@interop/core';
import { ones, zeros } from '@interop/runtime';
import type { Rngs } from '@interop/runtime';
import { nnxArgs, required } from '../args.js';
import type { DtypeOptions } from '../dtypes.js';
import { Module } from '../module.js';
import { initParam, requireRngs } from '../rngs.js';
import { BatchStat } from '../variables.js';
import type { Param } from '../variables.js';

/** Keyword arguments of {@link BatchNorm}. */
export interface BatchNormOptions extends DtypeOptions {
  /** Running statistics (inference) when true; only that mode is computed here. @default false */
  useRunningAverage?: boolean | null;
  /** Only -1 (the last axis). @default -1 */
  axis?: number;
  /** @default 0.99 */
  momentum?: number;
  /** @default 1e-5 */
  epsilon?: number;
  /** @default true */
  useBias?: boolean;
  /** @default true */
  useScale?: boolean;
  /** @default true */
  useFastVariance?: boolean;
  /** Key streams (required, as in NNX). */
  rngs?: Rngs;
}

/**
 * `flax.nnx.BatchNorm(num_features, *, use_running_average=False, momentum=0.99, epsilon=1e-5, ...)`:
 * `BatchStat`s `mean` (zeros) and `var` (ones), `Param`s `scale` and `bias`. Runs in inference
 * mode (`useRunningAverage: true`, or after `model.eval()`).
 *
 * @example
 * ```ts
 * const bn = new BatchNorm(3, { useRunningAverage: true, rngs: new Rngs(0) });
 * const y = bn.call(x);
 * ```
 */
export class BatchNorm extends Module {
  readonly type = 'BatchNorm';
  readonly numFeatures: number;
  useRunningAverage: boolean;
  readonly momentum: number;
  readonly epsilon: number;
  readonly useBias: boolean;
  readonly useScale: boolean;
  readonly useFastVariance: boolean;
  mean: BatchStat;
  var: BatchStat;
  scale: Param | null;
  bias: Param | null;

  constructor(...args: PythonCall<[numFeatures: number], [], BatchNormOptions>) {
    super();
    const o = nnxArgs<BatchNormOptions & { numFeatures?: number }>(
      'BatchNorm',
      ['numFeatures', 'useRunningAverage', 'axis', 'momentum', 'epsilon', 'dtype', 'paramDtype', 'useBias', 'useScale', 'biasInit', 'scaleInit', 'axisName', 'axisIndexGroups', 'useFastVariance', 'promoteDtype', 'rngs', 'biasMetadata', 'scaleMetadata'],
      1,
      ['numFeatures', 'useRunningAverage', 'axis', 'momentum', 'epsilon', 'dtype', 'paramDtype', 'useBias', 'useScale', 'useFastVariance', 'rngs'],
      args,
    );
    if (o.axis !== undefined && o.axis !== -1) {
      throw new InteropError('E_INVALID_ARGUMENT', `BatchNorm axis=${o.axis} is not modelled: only the feature axis -1 (NNX's default)`, { fix: 'Leave axis at -1' });
    }
    const n = (this.numFeatures = required('BatchNorm', 'numFeatures', o.numFeatures));
    this.useRunningAverage = o.useRunningAverage ?? false;
    this.momentum = o.momentum ?? 0.99;
    this.epsilon = o.epsilon ?? 1e-5;
    this.useBias = o.useBias ?? true;
    this.useScale = o.useScale ?? true;
    this.useFastVariance = o.useFastVariance ?? true;
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
    return {
      kind: 'batch-norm',
      params: { channels: this.numFeatures, epsilon: this.epsilon, momentum: this.momentum },
      tensors: {
        mean: this.mean.value,
        var: this.var.value,
        ...(this.scale ? { scale: this.scale.value } : {}),
        ...(this.bias ? { bias: this.bias.value } : {}),
      },
    };
  }

  /** `bn(x, use_running_average=...)`; batch statistics (training) are not computed here. */
  override call(x: Tensor, options: { useRunningAverage?: boolean | null } = {}): Tensor {
    if ((options.useRunningAverage ?? this.useRunningAverage) !== true) {
      throw new InteropError('E_INVALID_ARGUMENT', 'BatchNorm runs here in inference only: useRunningAverage: true, or model.eval()');
    }
    return super.call(x);
  }
}
