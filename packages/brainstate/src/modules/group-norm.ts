import { InteropError } from '@interop/core';
import type { GroupNormIR, Tensor } from '@interop/core';
import type { FloatDType } from '@interop/runtime';
import { bstArgs, required, toSize } from '../args.js';
import { promote } from '../dtypes.js';
import { Module } from '../module.js';
import type { GraphNode } from '../module.js';
import { runBatched } from '../run.js';
import { NormalizationParamState } from '../state.js';
import { affineParams, affineTensors, lastAxisOnly } from './norm-common.js';
import type { NormOptions } from './norm-common.js';

/** Keyword arguments of {@link GroupNorm}. */
export interface GroupNormOptions extends NormOptions {
  featureAxis?: number;
  /** @default 32 */
  numGroups?: number | null;
  /** @default null */
  groupSize?: number | null;
}

/**
 * `brainstate.nn.GroupNorm(in_size, feature_axis=-1, num_groups=32, group_size=None, *,
 * epsilon=1e-6, ...)`: one feature axis, state `weight: NormalizationParamState({ scale, bias })`;
 * statistics per example over the spatial axes and each group's channels.
 *
 * @example
 * ```ts
 * new GroupNorm([8], -1, 2).call(x);
 * ```
 */
export class GroupNorm extends Module {
  readonly type = 'GroupNorm';
  readonly weight: NormalizationParamState | null;
  readonly numGroups: number;
  readonly groupSize: number;
  readonly epsilon: number;
  readonly useScale: boolean;
  readonly useBias: boolean;
  readonly useFastVariance: boolean;
  readonly dtype: FloatDType | null;
  declare inSize: number[];
  declare outSize: number[];

  constructor(inSize: number | number[], featureAxis?: number, numGroups?: number | null, groupSize?: number | null, options?: NormOptions);
  constructor(...args: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const a = bstArgs<GroupNormOptions & { inSize?: number | number[] }>(
      'GroupNorm',
      ['inSize', 'featureAxis', 'numGroups', 'groupSize'],
      [
        'epsilon',
        'dtype',
        'useBias',
        'useScale',
        'biasInit',
        'scaleInit',
        'reductionAxes',
        'axisName',
        'axisIndexGroups',
        'useFastVariance',
        'paramType',
      ],
      args,
    );
    this.inSize = toSize(required('GroupNorm', 'inSize', a.inSize), 'GroupNorm', 'inSize');
    this.outSize = [...this.inSize];
    if (this.inSize.length !== 1)
      throw new InteropError('E_INVALID_ARGUMENT', 'GroupNorm only supports 1D feature axis: in_size must be (channels,)', {
        found: JSON.stringify(this.inSize),
      });
    lastAxisOnly('GroupNorm', 'featureAxis', a.featureAxis, this.inSize);
    if (a.reductionAxes !== undefined && a.reductionAxes !== null)
      throw new InteropError('E_INVALID_ARGUMENT', 'GroupNorm reductionAxes other than the default are not modelled here');
    const c = this.inSize[0]!;
    const numGroups = a.numGroups === undefined ? (a.groupSize ? null : 32) : a.numGroups;
    const groupSize = a.groupSize ?? null;
    if ((numGroups === null) === (groupSize === null)) {
      throw new InteropError('E_INVALID_ARGUMENT', 'Either `num_groups` or `group_size` should be specified', {
        fix: 'To give group_size, pass numGroups: null as well',
      });
    }
    if (groupSize !== null) {
      if (c % groupSize !== 0)
        throw new InteropError('E_INVALID_ARGUMENT', `Number of features (${c}) is not multiple of the group size (${groupSize})`);
      this.numGroups = c / groupSize;
    } else {
      if (!Number.isInteger(numGroups) || numGroups! <= 0 || c % numGroups! !== 0) {
        throw new InteropError('E_INVALID_ARGUMENT', `Number of groups (${numGroups}) does not divide the number of channels (${c})`);
      }
      this.numGroups = numGroups!;
    }
    this.groupSize = c / this.numGroups;
    this.epsilon = a.epsilon ?? 1e-6;
    this.useScale = a.useScale ?? true;
    this.useBias = a.useBias ?? true;
    this.useFastVariance = a.useFastVariance ?? true;
    this.dtype = a.dtype ?? null;
    const w = affineParams([c], this.useScale, this.useBias, a.scaleInit, a.biasInit, 'GroupNorm');
    this.weight = Object.keys(w).length ? new NormalizationParamState(w) : null;
  }

  override graphNodes(): Array<[string, GraphNode]> {
    return [['weight', this.weight]];
  }

  toIR(): GroupNormIR {
    return {
      kind: 'group-norm',
      params: {
        channels: this.inSize[0]!,
        numGroups: this.numGroups,
        epsilon: this.epsilon,
        variance: this.useFastVariance ? 'fast' : 'two-pass',
      },
      tensors: affineTensors(this.weight),
    };
  }

  call(x: Tensor): Tensor {
    if (x.ndim < 2)
      throw new InteropError('E_SHAPE_MISMATCH', 'GroupNorm needs a leading batch axis', { found: `[${x.shape.join(', ')}]` });
    const ir = this.toIR();
    return runBatched(ir, x, -1, this.dtype ?? promote([x, ir.tensors.scale, ir.tensors.bias]));
  }
}
