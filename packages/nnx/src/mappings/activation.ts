import { defineMapping } from '@interop/core';
import type { ActivationIR } from '@interop/core';
import { activationLayerSpec } from '@interop/flax';
import type { NnxLayerSpec } from '../layer-spec.js';
import { Activation } from '../modules/activation.js';

/**
 * A function in an NNX `Sequential` (`nnx.relu`, `nnx.gelu`, ...) ↔ `activation`.
 *
 * @example
 * ```ts
 * activation.toIR(relu, ctx); // { kind: 'activation', params: { fn: 'relu' } }
 * ```
 */
export const activation = defineMapping({
  meta: {
    framework: 'nnx',
    layer: 'Activation',
    ir: 'activation',
    status: 'stable',
    description: 'nnx.relu, nnx.gelu, ... in a Sequential ↔ activation',
  },
  layerType: Activation,
  toIR: (layer: Activation) => layer.toIR(),
  fromIR: (ir: ActivationIR) => new Activation(ir.params.fn, ir.params.alpha === undefined ? {} : { alpha: ir.params.alpha }),
});

/**
 * The spec of an activation: the `jax.nn` function by name (`{"type": "gelu", "approximate": false}`).
 *
 * @example
 * ```ts
 * activationSpec.write(gelu); // { type: 'gelu', approximate: true }
 * ```
 */
export const activationSpec: NnxLayerSpec<Activation> = activationLayerSpec(Activation);
