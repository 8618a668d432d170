import { InteropError, Tensor } from '@interop/core';
import type { BatchNormIR } from '@interop/core';
import type { FloatDType } from '@interop/runtime';
import { bstArgs, required, toSize } from '../args.js';
import { castTo } from '../dtypes.js';
import { environ } from '../environ.js';
import { Module } from '../module.js';
import type { GraphNode } from '../module.js';
import { filled, initParam, runBatched } from '../run.js';
import type { InitArg } from '../run.js';
import { BatchState, NormalizationParamState } from '../state.js';
import { affineTensors, featureShape, flat, lastAxisOnly } from './norm-common.js';
import { requireArray } from './require.js';
import { batchStatistics } from './batch-stats.js';

/** Keyword arguments of the batch norms. */
export interface BatchNormOptions {
  inSize?: number | number[];
  /** Only -1 is modelled. @default -1 */
  featureAxis?: number;
  /** Keep `running_mean`/`running_var`; without them the layer returns its input. @default true */
  trackRunningStats?: boolean;
  /** @default 1e-5 */
  epsilon?: number;
  /** @default 0.99 */
  momentum?: number;
  /** Learn `{ bias, scale }`. @default true */
  affine?: boolean;
  /** @default Constant(0.) */
  biasInitializer?: InitArg;
  /** @default Constant(1.) */
  scaleInitializer?: InitArg;
  /** @default true */
  useFastVariance?: boolean;
  /** @default float32 */
  dtype?: FloatDType | null;
  name?: string;
  axisName?: null;
  axisIndexGroups?: null;
}

const KEYWORDS = [
  'trackRunningStats',
  'epsilon',
  'momentum',
  'affine',
  'biasInitializer',
  'scaleInitializer',
  'axisName',
  'axisIndexGroups',
  'useFastVariance',
  'name',
  'dtype',
  'paramType',
  'meanType',
];

/**
 * The body of `BatchNorm0d`..`BatchNorm3d`: states `running_mean`, `running_var` (BatchState,
 * zeros and ones of `feature_shape`) and `weight` (`{ bias, scale }`). Reads `environ`'s `fit`:
 * `false` normalises with the running statistics; `true` with the batch's, updating the running
 * ones (`running = momentum * running + (1 - momentum) * batch`).
 *
 * @example
 * ```ts
 * const bn = new BatchNorm1d([5, 3]);
 * environ.context({ fit: false }, () => bn.call(x));
 * ```
 */
export abstract class BatchNorm extends Module {
  abstract readonly numSpatialDims: number;
  readonly runningMean: BatchState | null;
  readonly runningVar: BatchState | null;
  readonly weight: NormalizationParamState | null;
  readonly epsilon: number;
  readonly momentum: number;
  readonly affine: boolean;
  readonly trackRunningStats: boolean;
  readonly useFastVariance: boolean;
  readonly dtype: FloatDType;
  readonly name: string | undefined;
  declare inSize: number[];
  declare outSize: number[];

  protected constructor(nd: number, callee: string, args: unknown[]) {
    super();
    const a = bstArgs<BatchNormOptions>(callee, ['inSize', 'featureAxis'], KEYWORDS, args);
    this.inSize = toSize(required(callee, 'inSize', a.inSize), callee, 'inSize');
    if (this.inSize.length !== nd + 1) {
      throw new InteropError('E_INVALID_ARGUMENT', `${callee} in_size must have ${nd + 1} entries (${nd} spatial dims and channels)`, {
        found: JSON.stringify(this.inSize),
      });
    }
    lastAxisOnly(callee, 'featureAxis', a.featureAxis, this.inSize);
    this.outSize = [...this.inSize];
    this.affine = a.affine ?? true;
    this.trackRunningStats = a.trackRunningStats ?? true;
    this.useFastVariance = a.useFastVariance ?? true;
    this.dtype = a.dtype ?? 'float32';
    this.name = a.name;
    // BrainState stores momentum and epsilon as float32 arrays.
    this.momentum = Math.fround(a.momentum ?? 0.99);
    this.epsilon = Math.fround(a.epsilon ?? 1e-5);
    const shape = featureShape(this.inSize);
    if (this.affine && !this.trackRunningStats) {
      throw new InteropError('E_INVALID_ARGUMENT', `${callee}: affine parameters are not needed when track_running_stats is False`, {
        fix: 'Pass affine: false as well',
      });
    }
    this.runningMean = this.trackRunningStats ? new BatchState(filled(shape, 0, this.dtype)) : null;
    this.runningVar = this.trackRunningStats ? new BatchState(filled(shape, 1, this.dtype)) : null;
    this.weight = this.affine
      ? new NormalizationParamState({
          bias: a.biasInitializer === undefined ? filled(shape, 0) : initParam(a.biasInitializer, shape, `${callee} bias`),
          scale: a.scaleInitializer === undefined ? filled(shape, 1) : initParam(a.scaleInitializer, shape, `${callee} scale`),
        })
      : null;
  }

  override graphNodes(): Array<[string, GraphNode]> {
    return [
      ['running_mean', this.runningMean],
      ['running_var', this.runningVar],
      ['weight', this.weight],
    ];
  }

  toIR(): BatchNormIR {
    if (!this.runningMean || !this.runningVar) {
      throw new InteropError(
        'E_UNSUPPORTED_LAYER',
        `${this.type} with track_running_stats=False has no running statistics: in BrainState it returns its input unnormalised, which no batch-norm IR expresses`,
        {
          fix: 'Remove the layer (it is the identity in evaluation), or build it with trackRunningStats: true',
        },
      );
    }
    const mean = flat(requireArray(this.runningMean, this.type, 'running_mean'))!;
    const variance = flat(requireArray(this.runningVar, this.type, 'running_var'))!;
    return {
      kind: 'batch-norm',
      params: { channels: this.inSize[this.inSize.length - 1]!, epsilon: this.epsilon, momentum: this.momentum },
      tensors: { mean, var: variance, ...affineTensors(this.weight) },
    };
  }

  call(x: Tensor): Tensor {
    const nd = this.inSize.length - 1;
    if (!(x instanceof Tensor)) throw new InteropError('E_INVALID_ARGUMENT', `${this.type} is called with a Tensor`);
    const shape = x.ndim === nd + 2 ? x.shape.slice(1) : x.ndim === nd + 1 ? x.shape : undefined;
    if (!shape)
      throw new InteropError('E_SHAPE_MISMATCH', `${this.type} expected ${nd + 2}D (with batch) or ${nd + 1}D (without batch) input`, {
        found: `[${x.shape.join(', ')}]`,
      });
    if (shape.some((n, i) => n !== this.inSize[i])) {
      throw new InteropError('E_SHAPE_MISMATCH', `${this.type}: the expected input shape is [${this.inSize.join(', ')}]`, {
        found: `[${shape.join(', ')}]`,
      });
    }
    const fit = environ.get('fit');
    if (!this.trackRunningStats) return castTo(x, this.dtype);
    if (fit) {
      const { mean, variance } = batchStatistics(x, this.useFastVariance);
      const update = (state: BatchState, stat: Float32Array) => {
        const old = state.value.toArray();
        const m = this.momentum;
        const next = old.map((v, c) => Math.fround(Math.fround(m * v) + Math.fround(Math.fround(1 - m) * Math.fround(stat[c]!))));
        state.value = Tensor.fromArray(next, state.value.shape, state.value.dtype as FloatDType);
      };
      const C = mean.length;
      const batchIR = { ...this.toIR() };
      batchIR.tensors = {
        ...batchIR.tensors,
        mean: Tensor.fromArray(mean, [C], 'float32'),
        var: Tensor.fromArray(variance, [C], 'float32'),
      };
      const y = runBatched(batchIR, x, nd + 1, this.dtype);
      update(this.runningMean!, mean);
      update(this.runningVar!, variance);
      return y;
    }
    return runBatched(this.toIR(), x, nd + 1, this.dtype);
  }
}

/**
 * `brainstate.nn.BatchNorm0d(in_size, feature_axis=-1, *, epsilon=1e-5, momentum=0.99, ...)`: `(batch, channels)` input; states of shape `(C,)`.
 *
 * @example
 * ```ts
 * new BatchNorm0d([3], { momentum: 0.9 });
 * ```
 */
export class BatchNorm0d extends BatchNorm {
  readonly type = 'BatchNorm0d';
  readonly numSpatialDims = 0;
  constructor(inSize: number | number[], featureAxis?: number, options?: BatchNormOptions);
  constructor(...args: unknown[]);
  constructor(...args: unknown[]) {
    super(0, 'BatchNorm0d', args);
  }
}

/**
 * `brainstate.nn.BatchNorm1d(in_size, feature_axis=-1, *, epsilon=1e-5, momentum=0.99, ...)`: `(batch, length, channels)` input; states `(1, C)`.
 *
 * @example
 * ```ts
 * new BatchNorm1d([5, 3]);
 * ```
 */
export class BatchNorm1d extends BatchNorm {
  readonly type = 'BatchNorm1d';
  readonly numSpatialDims = 1;
  constructor(inSize: number | number[], featureAxis?: number, options?: BatchNormOptions);
  constructor(...args: unknown[]);
  constructor(...args: unknown[]) {
    super(1, 'BatchNorm1d', args);
  }
}

/**
 * `brainstate.nn.BatchNorm2d(in_size, feature_axis=-1, *, epsilon=1e-5, momentum=0.99, ...)`: `(batch, h, w, channels)` input; states `(1, 1, C)`.
 *
 * @example
 * ```ts
 * new BatchNorm2d([8, 8, 3], { epsilon: 1e-3 });
 * ```
 */
export class BatchNorm2d extends BatchNorm {
  readonly type = 'BatchNorm2d';
  readonly numSpatialDims = 2;
  constructor(inSize: number | number[], featureAxis?: number, options?: BatchNormOptions);
  constructor(...args: unknown[]);
  constructor(...args: unknown[]) {
    super(2, 'BatchNorm2d', args);
  }
}

/**
 * `brainstate.nn.BatchNorm3d(in_size, feature_axis=-1, *, epsilon=1e-5, momentum=0.99, ...)`: `(batch, d1, d2, d3, channels)` input; states `(1, 1, 1, C)`.
 *
 * @example
 * ```ts
 * new BatchNorm3d([2, 3, 2, 3]);
 * ```
 */
export class BatchNorm3d extends BatchNorm {
  readonly type = 'BatchNorm3d';
  readonly numSpatialDims = 3;
  constructor(inSize: number | number[], featureAxis?: number, options?: BatchNormOptions);
  constructor(...args: unknown[]);
  constructor(...args: unknown[]) {
    super(3, 'BatchNorm3d', args);
  }
}
