import { InteropError, MissingShapeError } from '@interop/core';
import type { GroupNormIR, Tensor } from '@interop/core';
import { NORM_SHARED_MODELLED, NORM_SHARED_PARAMS, groupNormIR, normModule, setNormFields } from '@interop/flax';
import type { FlaxGroupNormOptions } from '@interop/flax';
import { ones, zeros } from '@interop/runtime';
import type { LinenRngScope } from '../rng-scope.js';
import { Module } from '../module.js';
import { requireLeaf, requireParams } from '../variables.js';
import type { Variables } from '../variables.js';
import { linenArgs } from '../args.js';
import type { FloatDType } from '@interop/runtime';
import type { PythonCall } from '@interop/core';

/** Keyword arguments of {@link GroupNorm}: Flax's (`@interop/flax`). */
export type GroupNormOptions = FlaxGroupNormOptions;
/**
 * `flax.linen.GroupNorm`: channels (last axis) in contiguous groups, statistics over the other
 * axes of an example and the group; `scale` then `bias` of shape `(C,)`.
 *
 * @example
 * ```ts
 * const y = new GroupNorm(2).apply(variables, x);
 * ```
 */
export class GroupNorm extends normModule(Module) {
  readonly type = 'GroupNorm';
  readonly numGroups: number | null;
  readonly groupSize: number | null;

  constructor(
    ...args: PythonCall<
      [],
      [
        numGroups: number | null,
        groupSize: number | null,
        epsilon: number,
        dtype: FloatDType | null,
        paramDtype: FloatDType,
        useBias: boolean,
        useScale: boolean,
      ],
      GroupNormOptions
    >
  ) {
    super();
    const o = linenArgs<GroupNormOptions>(
      'GroupNorm',
      [
        'numGroups',
        'groupSize',
        ...NORM_SHARED_PARAMS,
        'biasInit',
        'scaleInit',
        'reductionAxes',
        'axisName',
        'axisIndexGroups',
        'useFastVariance',
        'forceFloat32Reductions',
      ],
      ['numGroups', 'groupSize', ...NORM_SHARED_MODELLED],
      args,
    );
    this.setDtypes(o);
    this.groupSize = o.groupSize ?? null;
    this.numGroups = o.numGroups === undefined ? (this.groupSize === null ? 32 : null) : o.numGroups;
    if ((this.numGroups === null) === (this.groupSize === null)) {
      throw new InteropError('E_INVALID_ARGUMENT', 'GroupNorm needs exactly one of numGroups and groupSize');
    }
    setNormFields(this, o, 1e-6);
  }

  /** The group count for `channels`, checking that the groups divide them. */
  groupsFor(channels: number): number {
    const groups = this.numGroups ?? channels / this.groupSize!;
    if (!Number.isInteger(groups) || channels % groups !== 0) {
      throw new InteropError(
        'E_SHAPE_MISMATCH',
        `GroupNorm: ${channels} channels do not split into ${this.numGroups ?? `groups of ${this.groupSize}`}`,
      );
    }
    return groups;
  }

  initVariables(scope: LinenRngScope, inputShape: readonly number[]): Variables {
    const n = inputShape[inputShape.length - 1]!;
    this.groupsFor(n);
    const params: Record<string, Tensor> = {};
    if (this.useScale) params.scale = ones(scope.makeRng(), [n], this.paramDtype);
    if (this.useBias) params.bias = zeros(scope.makeRng(), [n], this.paramDtype);
    return Object.keys(params).length ? { params } : {};
  }

  toIR(variables: Variables, inputShape?: readonly number[]): GroupNormIR {
    const params = this.useScale || this.useBias ? requireParams(variables, this.type) : variables.params;
    const scale = this.useScale ? requireLeaf(params!, 'scale', this.type) : undefined;
    const bias = this.useBias ? requireLeaf(params!, 'bias', this.type) : undefined;
    const channels = (scale ?? bias)?.shape[0] ?? inputShape?.[inputShape.length - 1];
    if (channels === undefined) throw new MissingShapeError('GroupNorm without scale and bias needs the input size for its channel count');
    return groupNormIR(channels, this.groupsFor(channels), this, scale, bias);
  }
}
