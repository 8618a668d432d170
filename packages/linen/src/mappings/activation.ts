import { defineMapping } from '@interop/core';
import type { ActivationIR } from '@interop/core';
import { activationLayerSpec } from '@interop/flax';
import { LinenNode } from '../adapter.js';
import type { LinenLayerSpec } from '../layer-spec.js';
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
  meta: {
    framework: 'linen',
    layer: 'Activation',
    ir: 'activation',
    status: 'stable',
    description: 'nn.relu, nn.gelu, ... in a Sequential ↔ activation',
  },
  layerType: Activation,
  toIR: (node: LinenNode) => node.module.toIR(node.variables),
  fromIR: (ir: ActivationIR) =>
    new LinenNode(new Activation(ir.params.fn, ir.params.alpha === undefined ? {} : { alpha: ir.params.alpha }), {}),
});

/**
 * The spec of an activation: the `jax.nn` function by name (`{"type": "gelu", "approximate": false}`).
 *
 * @example
 * ```ts
 * activationSpec.write(leakyRelu); // { type: 'leaky_relu', negative_slope: 0.01 }
 * ```
 */
export const activationSpec: LinenLayerSpec<Activation> = activationLayerSpec(Activation);
