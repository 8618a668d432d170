import { defineMapping } from '@interop/core';
import type { ActivationIR } from '@interop/core';
import { Activation, ELU, GELU, LeakyReLU } from '../modules/activation.js';

/**
 * BrainState's activation layers and the `jax.nn` functions in a Sequential ↔ `activation`. The
 * anchor refuses these (`UnmappedLayerError`); here they convert, slopes and alphas included.
 *
 * @example
 * ```ts
 * activation.toIR(new ReLU(), ctx); // { kind: 'activation', params: { fn: 'relu' } }
 * ```
 */
export const activation = defineMapping({
  meta: { framework: 'brainstate', layer: 'Activation', ir: 'activation', status: 'stable', description: 'brainstate.nn activation layers and jax.nn functions ↔ activation' },
  layerType: Activation,
  toIR: (layer: Activation) => layer.toIR(),
  fromIR: (ir: ActivationIR) => {
    const { fn, alpha } = ir.params;
    if (fn === 'gelu') return new GELU(false);
    if (fn === 'gelu_tanh') return new Activation('gelu_tanh', undefined, 'gelu');
    if (fn === 'leaky_relu') return alpha === undefined || alpha === 0.01 ? new Activation('leaky_relu', 0.01) : new LeakyReLU(alpha);
    if (fn === 'elu') return alpha === undefined || alpha === 1 ? new Activation('elu', 1) : new ELU(alpha);
    return new Activation(fn);
  },
});
