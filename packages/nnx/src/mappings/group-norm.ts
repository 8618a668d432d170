import { defineMapping } from '@interop/core';
import type { GroupNormIR } from '@interop/core';
import {
  DTYPE_FIELDS,
  NORM_FIELDS,
  atValues,
  bad,
  need,
  needed,
  normArgs,
  normOptionsFromIR,
  normSpecArgs,
  num,
  optional,
} from '@interop/flax';
import { NORM_ARGS } from '../layer-spec.js';
import type { NnxLayerSpec } from '../layer-spec.js';
import { GroupNorm } from '../modules/group-norm.js';
import { SHAPE_ONLY } from '../rngs.js';
import { fill, floatDtype } from './build.js';

/**
 * `nnx.GroupNorm` ↔ `group-norm`: contiguous channel groups over the last axis (built with
 * `num_groups`).
 *
 * @example
 * ```ts
 * groupNorm.toIR(new GroupNorm(8, 2, { rngs: new Rngs(0) }), ctx);
 * ```
 */
export const groupNorm = defineMapping({
  meta: {
    framework: 'nnx',
    layer: 'GroupNorm',
    ir: 'group-norm',
    status: 'stable',
    description: 'flax.nnx.GroupNorm ↔ group-norm (channels last)',
  },
  layerType: GroupNorm,
  toIR: (layer: GroupNorm) => layer.toIR(),
  fromIR: (ir: GroupNormIR) => {
    const { scale, bias } = ir.tensors;
    const m = new GroupNorm(ir.params.channels, ir.params.numGroups, {
      ...normOptionsFromIR(ir),
      paramDtype: floatDtype(scale ?? bias),
      rngs: SHAPE_ONLY,
    });
    fill(m.scale, scale);
    fill(m.bias, bias);
    return m;
  },
});

/**
 * The spec of `nnx.GroupNorm` (a dumped module's `num_groups` with `group_size` and no
 * `num_features` read too); its `scale`/`bias` look like a LayerNorm's, so it is not inferred.
 *
 * @example
 * ```ts
 * groupNormSpec.read({ type: 'GroupNorm', num_features: 8, num_groups: 2 }, context);
 * ```
 */
export const groupNormSpec: NnxLayerSpec<GroupNorm> = {
  layerType: GroupNorm,
  types: { GroupNorm: [...NORM_ARGS, 'num_groups', 'group_size'] },
  fields: {
    num_features: needed('int', 32),
    ...NORM_FIELDS,
    ...DTYPE_FIELDS,
    num_groups: optional('int | null', 32),
    group_size: optional('int | null', null),
  },
  unmodelled: atValues({ reduction_axes: null }),
  read: (spec, { dtypes, rngs }) => {
    const groupSize = spec.group_size === null ? null : num(spec, 'group_size');
    // A dumped module shows num_groups and group_size (and no num_features); num_groups wins when they agree.
    const both = typeof spec.num_groups === 'number' && typeof groupSize === 'number';
    const features = num(spec, 'num_features') ?? (both ? (spec.num_groups as number) * groupSize : need(spec, 'num_features'));
    if (both && features !== (spec.num_groups as number) * groupSize)
      bad('GroupNorm num_groups * group_size must equal num_features', spec);
    return new GroupNorm(features, {
      ...dtypes,
      ...normArgs(spec),
      rngs,
      numGroups: spec.num_groups === null ? null : num(spec, 'num_groups'),
      groupSize: both ? null : groupSize,
    });
  },
  write: (m) => ({ type: 'GroupNorm', num_features: m.numFeatures, num_groups: m.numGroups, ...normSpecArgs(m) }),
};
