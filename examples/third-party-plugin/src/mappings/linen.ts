import { defineMapping } from '@interop/core';
import { LinenNode } from '@interop/linen';
import { Scale, scaleIROf } from '../linen-scale.js';
import type { ScaleIR } from '../scale-ir.js';

/**
 * Linen `Scale` ↔ `scale`: `params.scale` is the canonical `[features]` vector.
 *
 * @example
 * ```ts
 * interop.registerLayerMapping(linenScale);
 * ```
 */
export const linenScale = defineMapping({
  meta: {
    framework: 'linen',
    layer: 'Scale',
    ir: 'scale',
    status: 'experimental',
    description: 'Per-feature gains (params.scale) ↔ scale',
  },
  layerType: Scale,
  toIR: (node: LinenNode) => scaleIROf(node.variables),
  fromIR: (ir: ScaleIR) => new LinenNode(new Scale(), { params: { scale: ir.tensors.scale! } }),
});
