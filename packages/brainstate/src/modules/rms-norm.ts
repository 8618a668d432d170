import type { RMSNormIR, Tensor } from '@interop/core';
import type { FloatDType } from '@interop/runtime';
import { bstArgs, required, toSize } from '../args.js';
import { Module } from '../module.js';
import type { GraphNode } from '../module.js';
import { runBatched } from '../run.js';
import { NormalizationParamState } from '../state.js';
import { affineParams, affineTensors, featureShape, lastAxisOnly } from './norm-common.js';
import type { NormOptions } from './norm-common.js';

/**
 * `brainstate.nn.RMSNorm(in_size, *, epsilon=1e-6, use_scale=True, ...)`: state
 * `scale: NormalizationParamState({ scale })` (or `null`), no bias, output float32 by default.
 *
 * @example
 * ```ts
 * new RMSNorm([6], { useScale: false, epsilon: 1e-4 }).call(x);
 * ```
 */
export class RMSNorm extends Module {
  readonly type = 'RMSNorm';
  readonly scale: NormalizationParamState | null;
  readonly epsilon: number;
  readonly useScale: boolean;
  readonly dtype: FloatDType;
  declare inSize: number[];
  declare outSize: number[];

  constructor(inSize: number | number[], options?: Omit<NormOptions, 'useBias' | 'biasInit'>);
  constructor(...args: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const a = bstArgs<NormOptions & { inSize?: number | number[] }>(
      'RMSNorm',
      ['inSize'],
      [
        'epsilon',
        'dtype',
        'useScale',
        'scaleInit',
        'reductionAxes',
        'featureAxes',
        'axisName',
        'axisIndexGroups',
        'useFastVariance',
        'paramType',
      ],
      args,
    );
    this.inSize = toSize(required('RMSNorm', 'inSize', a.inSize), 'RMSNorm', 'inSize');
    this.outSize = [...this.inSize];
    lastAxisOnly('RMSNorm', 'reductionAxes', a.reductionAxes, this.inSize);
    lastAxisOnly('RMSNorm', 'featureAxes', a.featureAxes, this.inSize);
    this.epsilon = a.epsilon ?? 1e-6;
    this.useScale = a.useScale ?? true;
    this.dtype = a.dtype ?? 'float32';
    const w = affineParams(featureShape(this.inSize), this.useScale, false, a.scaleInit, undefined, 'RMSNorm');
    this.scale = this.useScale ? new NormalizationParamState(w) : null;
  }

  override graphNodes(): Array<[string, GraphNode]> {
    return [['scale', this.scale]];
  }

  toIR(): RMSNormIR {
    return {
      kind: 'rms-norm',
      params: { featureShape: [this.inSize[this.inSize.length - 1]!], epsilon: this.epsilon },
      tensors: affineTensors(this.scale),
    };
  }

  call(x: Tensor): Tensor {
    return runBatched(this.toIR(), x, 1, this.dtype);
  }
}
