import { defineMapping } from '@interop/core';
import type { GroupNormIR } from '@interop/core';
import { DTYPE_FIELDS, NORM_FIELDS, atValues, normArgs, normOptionsFromIR, normSpecArgs, num, optional } from '@interop/flax';
import { LinenNode } from '../adapter.js';
import type { LinenLayerSpec } from '../layer-spec.js';
import { GroupNorm } from '../modules/group-norm.js';

/**
 * `nn.GroupNorm` ↔ `group-norm`; without scale and bias the channel count comes from the
 * threaded input shape. Built with `num_groups` (a `group_size` becomes its group count).
 *
 * @example
 * ```ts
 * registry.toIR([new GroupNorm(2, { useScale: false, useBias: false }), {}], 'linen', { sampleInput: [4, 8] });
 * ```
 */
export const groupNorm = defineMapping({
  meta: {
    framework: 'linen',
    layer: 'GroupNorm',
    ir: 'group-norm',
    status: 'stable',
    description: 'flax.linen.GroupNorm ↔ group-norm (channels-last groups)',
  },
  layerType: GroupNorm,
  toIR: (node: LinenNode, ctx) => node.module.toIR(node.variables, ctx.inputShape ?? undefined),
  fromIR: (ir: GroupNormIR) => {
    const { scale, bias } = ir.tensors;
    const params = { ...(scale ? { scale } : {}), ...(bias ? { bias } : {}) };
    return new LinenNode(new GroupNorm(ir.params.numGroups, normOptionsFromIR(ir)), Object.keys(params).length ? { params } : {});
  },
});

/**
 * The spec of `nn.GroupNorm` (its `scale`/`bias` look like a LayerNorm's, so it is not inferred).
 *
 * @example
 * ```ts
 * groupNormSpec.read({ type: 'GroupNorm', num_groups: 2 }, context);
 * ```
 */
export const groupNormSpec: LinenLayerSpec<GroupNorm> = {
  layerType: GroupNorm,
  types: { GroupNorm: ['num_groups', 'group_size', 'epsilon', 'use_bias', 'use_scale', 'use_fast_variance', 'dtype', 'param_dtype'] },
  fields: { num_groups: optional('int | null', 32), group_size: optional('int | null', null), ...NORM_FIELDS, ...DTYPE_FIELDS },
  unmodelled: atValues({ reduction_axes: null }),
  read: (spec, { dtypes }) =>
    new GroupNorm({
      ...dtypes,
      ...normArgs(spec),
      numGroups: spec.num_groups === null ? null : num(spec, 'num_groups'),
      groupSize: spec.group_size === null ? null : num(spec, 'group_size'),
    }),
  write: (m) => ({ type: 'GroupNorm', num_groups: m.numGroups, group_size: m.groupSize, ...normSpecArgs(m) }),
};
