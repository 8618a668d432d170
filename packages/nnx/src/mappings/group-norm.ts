import { defineMapping } from '@interop/core';
import type { GroupNormIR } from '@interop/core';
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
  meta: { framework: 'nnx', layer: 'GroupNorm', ir: 'group-norm', status: 'stable', description: 'flax.nnx.GroupNorm ↔ group-norm (channels last)' },
  layerType: GroupNorm,
  toIR: (layer: GroupNorm) => layer.toIR(),
  fromIR: (ir: GroupNormIR) => {
    const { channels, numGroups, epsilon, variance } = ir.params;
    const { scale, bias } = ir.tensors;
    const m = new GroupNorm(channels, numGroups, {
      epsilon,
      useScale: scale !== undefined,
      useBias: bias !== undefined,
      useFastVariance: variance === 'fast',
      paramDtype: floatDtype(scale ?? bias),
      rngs: SHAPE_ONLY,
    });
    fill(m.scale, scale);
    fill(m.bias, bias);
    return m;
  },
});
