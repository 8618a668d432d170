import { defineMapping } from '@interop/core';
import type { GroupNormIR } from '@interop/core';
import { GroupNorm } from '../modules/group-norm.js';
import { checkedToIR } from './shape-check.js';

/**
 * `brainstate.nn.GroupNorm` ↔ `group-norm` (channels-last, contiguous groups): `weight`
 * `{ scale?, bias? }` of `(C,)`; `group_size` becomes `num_groups = C / group_size`.
 *
 * @example
 * ```ts
 * groupNorm.toIR(new GroupNorm(8, -1, 2), ctx);
 * ```
 */
export const groupNorm = defineMapping({
  meta: {
    framework: 'brainstate',
    layer: 'GroupNorm',
    ir: 'group-norm',
    status: 'stable',
    description: 'brainstate.nn.GroupNorm ↔ group-norm (num_groups, weight {scale, bias})',
  },
  layerType: GroupNorm,
  toIR: checkedToIR((ir: GroupNormIR) => ir.params.channels),
  fromIR: (ir: GroupNormIR) => {
    const { channels, numGroups, epsilon, variance } = ir.params;
    const { scale, bias } = ir.tensors;
    const layer = new GroupNorm([channels], {
      numGroups,
      useScale: scale !== undefined,
      useBias: bias !== undefined,
      epsilon,
      useFastVariance: variance === 'fast',
    });
    if (layer.weight) layer.weight.value = { ...(scale ? { scale } : {}), ...(bias ? { bias } : {}) };
    return layer;
  },
});
