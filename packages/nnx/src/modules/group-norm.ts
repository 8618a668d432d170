import { InteropError } from '@interop/core';
import type { GroupNormIR, PythonCall } from '@interop/core';
import { NORM_SHARED_MODELLED, NORM_SHARED_PARAMS, groupNormIR, normModule, setNormFields } from '@interop/flax';
import type { FlaxGroupNormOptions } from '@interop/flax';
import { ones, zeros } from '@interop/runtime';
import type { Rngs } from '../rngs.js';
import { nnxArgs, required } from '../args.js';
import { Module } from '../module.js';
import { initParam, requireRngs } from '../rngs.js';
import type { Param } from '../variables.js';
import { NORM_TAIL } from './layer-norm.js';

/** Keyword arguments of {@link GroupNorm}: Flax's (`@interop/flax`) and `rngs`. */
export interface GroupNormOptions extends FlaxGroupNormOptions {
  /** Key streams (required, as in NNX). */
  rngs: Rngs;
}

/**
 * `flax.nnx.GroupNorm(num_features, num_groups=32, group_size=None, *, epsilon=1e-6, ...)`:
 * channels (last axis) in contiguous groups, statistics over every non-batch axis of a group.
 *
 * @example
 * ```ts
 * const norm = new GroupNorm(8, 2, { rngs: new Rngs(0) });
 * const bySize = new GroupNorm(8, null, 2, { rngs: new Rngs(0) });
 * ```
 */
export class GroupNorm extends normModule(Module) {
  readonly type = 'GroupNorm';
  readonly numFeatures: number;
  readonly numGroups: number;
  readonly groupSize: number;
  scale: Param | null;
  bias: Param | null;

  constructor(...args: PythonCall<[numFeatures: number], [numGroups: number | null, groupSize: number | null], GroupNormOptions>) {
    super();
    const o = nnxArgs<GroupNormOptions & { numFeatures?: number }>(
      'GroupNorm',
      ['numFeatures', 'numGroups', 'groupSize', ...NORM_SHARED_PARAMS, ...NORM_TAIL.filter((n) => n !== 'featureAxes')],
      3,
      ['numFeatures', 'numGroups', 'groupSize', ...NORM_SHARED_MODELLED, 'rngs'],
      args,
    );
    const n = (this.numFeatures = required('GroupNorm', 'numFeatures', o.numFeatures));
    const numGroups = o.numGroups === undefined ? 32 : o.numGroups;
    const groupSize = o.groupSize ?? null;
    if ((numGroups === null) === (groupSize === null)) {
      throw new InteropError('E_INVALID_ARGUMENT', 'Either `num_groups` or `group_size` should be specified', {
        fix: 'To give groupSize, pass numGroups: null to override the default of 32',
      });
    }
    if (groupSize !== null) {
      if (n % groupSize !== 0)
        throw new InteropError('E_INVALID_ARGUMENT', `Number of features (${n}) is not multiple of the group size (${groupSize}).`);
      this.numGroups = n / groupSize;
      this.groupSize = groupSize;
    } else {
      if (!Number.isInteger(numGroups) || numGroups! <= 0 || n % numGroups! !== 0) {
        throw new InteropError('E_INVALID_ARGUMENT', `Number of groups (${numGroups}) does not divide the number of channels (${n}).`);
      }
      this.numGroups = numGroups!;
      this.groupSize = n / numGroups!;
    }
    this.setDtypes(o);
    setNormFields(this, o, 1e-6);
    const rngs = requireRngs('GroupNorm', o.rngs);
    this.scale = this.useScale ? initParam(rngs, ones, [n], this.paramDtype) : null;
    this.bias = this.useBias ? initParam(rngs, zeros, [n], this.paramDtype) : null;
  }

  toIR(): GroupNormIR {
    return groupNormIR(this.numFeatures, this.numGroups, this, this.scale?.value, this.bias?.value);
  }
}
