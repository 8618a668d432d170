import { defineMapping } from '@interop/core';
import { Scale } from '../brainstate-scale.js';
import type { ScaleIR } from '../scale-ir.js';

/**
 * BrainState `Scale` ↔ `scale`: the gains are already the canonical `[features]` vector.
 *
 * @example
 * ```ts
 * interop.registerLayerMapping(brainstateScale);
 * ```
 */
export const brainstateScale = defineMapping({
  meta: {
    framework: 'brainstate',
    layer: 'Scale',
    ir: 'scale',
    status: 'experimental',
    description: 'Per-feature gains (ParamState weight) ↔ scale',
  },
  layerType: Scale,
  toIR: (layer: Scale) => layer.toIR(),
  fromIR: (ir: ScaleIR, ctx) => new Scale(ctx.inputShape ?? [ir.params.features], ir.tensors.scale!),
});
