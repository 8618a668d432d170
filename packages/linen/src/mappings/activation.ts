import { defineMapping } from '@interop/core';
import type { ActivationIR } from '@interop/core';
import { LinenNode } from '../adapter.js';
import { Activation } from '../modules/activation.js';

/**
 * A function in a Linen `Sequential` ↔ `activation` (every IR function has a Linen one).
 *
 * @example
 * ```ts
 * activation.toIR(new LinenNode(relu, {}), ctx); // { kind: 'activation', params: { fn: 'relu' } }
 * ```
 */
export const activation = defineMapping({
  meta: { framework: 'linen', layer: 'Activation', ir: 'activation', status: 'stable', description: 'nn.relu, nn.gelu, ... in a Sequential ↔ activation' },
  layerType: Activation,
  toIR: (node: LinenNode) => node.module.toIR(node.variables),
  fromIR: (ir: ActivationIR) => new LinenNode(new Activation(ir.params.fn, ir.params.alpha === undefined ? {} : { alpha: ir.params.alpha }), {}),
});
