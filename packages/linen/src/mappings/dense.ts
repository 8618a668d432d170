import { defineMapping } from '@interop/core';
import type { LinearIR } from '@interop/core';
import { LinenNode } from '../adapter.js';
import { Dense } from '../modules/dense.js';

/**
 * `nn.Dense` ↔ `linear`: kernel `(in, out)` is already the canonical layout.
 *
 * @example
 * ```ts
 * dense.toIR(new LinenNode(new Dense(5), variables), ctx);
 * ```
 */
export const dense = defineMapping({
  meta: { framework: 'linen', layer: 'Dense', ir: 'linear', status: 'stable', description: 'flax.linen.Dense ↔ linear (kernel (in, out))' },
  layerType: Dense,
  toIR: (node: LinenNode) => node.module.toIR(node.variables),
  fromIR: (ir: LinearIR) => {
    const { kernel, bias } = ir.tensors;
    return new LinenNode(new Dense(ir.params.outFeatures, { useBias: bias !== undefined }), { params: bias ? { kernel: kernel!, bias } : { kernel: kernel! } });
  },
});
