import { defineMapping } from '@interop/core';
import type { ActivationIR } from '@interop/core';
import { Activation } from '../modules/activation.js';
import { activationLayer } from './activation-layer.js';

/**
 * `jax.nn` functions in a Sequential (`brainstate.nn.relu`, ...) ↔ `activation`. Not listed in
 * `supportedLayers()` (they are functions, not layer classes). Registered after the named layer
 * mappings (`ReLU`, `GELU`, ...), which accept every function first and build BrainState's
 * layers; this one builds the same layers when used directly.
 *
 * @example
 * ```ts
 * activation.toIR(relu, ctx); // { kind: 'activation', params: { fn: 'relu' } }
 * ```
 */
export const activation = defineMapping({
  meta: {
    framework: 'brainstate',
    layer: 'jax.nn function',
    ir: 'activation',
    status: 'stable',
    description: 'jax.nn activation functions in a Sequential ↔ activation',
    listed: false,
  },
  layerType: Activation,
  toIR: (layer: Activation) => layer.toIR(),
  fromIR: (ir: ActivationIR) => activationLayer(ir),
});
