import { defineMapping } from '@interop/core';
import type { GroupNormIR } from '@interop/core';
import { EqxNode } from '../adapter.js';
import { assemble } from '../modules/common.js';
import { GroupNorm } from '../modules/group-norm.js';
import { filled } from '../modules/whole-example-norm.js';
import { checkInput } from './check-input.js';

/**
 * `eqx.nn.GroupNorm` ↔ `group-norm`: Equinox's channels-first example `(C, *spatial)` is the
 * IR's channels-last `(*spatial, C)`, the `(C,)` weight and bias as they are. Equinox has one
 * `channelwise_affine` switch, so an IR with only a scale (or only a bias) is built with the
 * other at its identity value (ones, zeros), which computes the same.
 *
 * @example
 * ```ts
 * groupNorm.toIR(new EqxNode(new GroupNorm(2, 8)), ctx); // { channels: 8, numGroups: 2, ... }
 * ```
 */
export const groupNorm = defineMapping({
  meta: {
    framework: 'equinox',
    layer: 'GroupNorm',
    ir: 'group-norm',
    status: 'stable',
    description: 'eqx.nn.GroupNorm ↔ group-norm (channels-first examples, channel axis moved)',
  },
  layerType: GroupNorm,
  toIR: (node: EqxNode, ctx) => {
    const m = node.module as GroupNorm;
    if (m.channels !== null) checkInput(ctx, 'GroupNorm', { channels: m.channels });
    return m.toIR({ inputShape: ctx.inputShape });
  },
  fromIR: (ir: GroupNormIR, ctx) => {
    const p = ir.params;
    checkInput(ctx, 'GroupNorm', { channels: p.channels });
    const { scale, bias } = ir.tensors;
    const affine = scale !== undefined || bias !== undefined;
    const dtype = (scale ?? bias)?.dtype ?? 'float32';
    return new EqxNode(
      assemble(GroupNorm, {
        groups: p.numGroups,
        channels: p.channels,
        eps: p.epsilon,
        channelwiseAffine: affine,
        weight: affine ? (scale ?? filled([p.channels], 1, dtype)) : null,
        bias: affine ? (bias ?? filled([p.channels], 0, dtype)) : null,
      }),
    );
  },
});
