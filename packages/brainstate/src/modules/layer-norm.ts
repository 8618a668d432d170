import type { LayerNormIR, Tensor } from '@interop/core';
import type { FloatDType } from '@interop/runtime';
import { bstArgs, required, toSize } from '../args.js';
import { Module } from '../module.js';
import type { GraphNode } from '../module.js';
import { runBatched } from '../run.js';
import { NormalizationParamState } from '../state.js';
import { affineParams, featureShape, affineTensors, lastAxisOnly } from './norm-common.js';
import type { NormOptions } from './norm-common.js';

/**
 * `brainstate.nn.LayerNorm(in_size, reduction_axes=-1, feature_axes=-1, *, epsilon=1e-6, ...)`:
 * state `weight: NormalizationParamState({ scale, bias })` of `feature_shape` (or `null` without
 * either), output in `dtype` (float32 by default).
 *
 * @example
 * ```ts
 * new LayerNorm([6], { useBias: false }).call(x);
 * ```
 */
export class LayerNorm extends Module {
  readonly type = 'LayerNorm';
  readonly weight: NormalizationParamState | null;
  readonly epsilon: number;
  readonly useScale: boolean;
  readonly useBias: boolean;
  readonly useFastVariance: boolean;
  readonly dtype: FloatDType;
  declare inSize: number[];
  declare outSize: number[];

  constructor(inSize: number | number[], reductionAxes?: number | number[], featureAxes?: number | number[], options?: NormOptions);
  constructor(...args: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const a = bstArgs<NormOptions & { inSize?: number | number[] }>(
      'LayerNorm',
      ['inSize', 'reductionAxes', 'featureAxes'],
      ['epsilon', 'useBias', 'useScale', 'biasInit', 'scaleInit', 'axisName', 'axisIndexGroups', 'useFastVariance', 'dtype', 'paramType'],
      args,
    );
    this.inSize = toSize(required('LayerNorm', 'inSize', a.inSize), 'LayerNorm', 'inSize');
    this.outSize = [...this.inSize];
    lastAxisOnly('LayerNorm', 'reductionAxes', a.reductionAxes, this.inSize);
    lastAxisOnly('LayerNorm', 'featureAxes', a.featureAxes, this.inSize);
    this.epsilon = a.epsilon ?? 1e-6;
    this.useScale = a.useScale ?? true;
    this.useBias = a.useBias ?? true;
    this.useFastVariance = a.useFastVariance ?? true;
    this.dtype = a.dtype ?? 'float32';
    const w = affineParams(featureShape(this.inSize), this.useScale, this.useBias, a.scaleInit, a.biasInit, 'LayerNorm');
    this.weight = Object.keys(w).length ? new NormalizationParamState(w) : null;
  }

  override graphNodes(): Array<[string, GraphNode]> {
    return [['weight', this.weight]];
  }

  toIR(): LayerNormIR {
    return {
      kind: 'layer-norm',
      params: {
        featureShape: [this.inSize[this.inSize.length - 1]!],
        epsilon: this.epsilon,
        variance: this.useFastVariance ? 'fast' : 'two-pass',
      },
      tensors: affineTensors(this.weight),
    };
  }

  call(x: Tensor): Tensor {
    return runBatched(this.toIR(), x, 1, this.dtype);
  }
}
