import { defineMapping } from '@interop/core';
import type { ActivationIR, LayerMapping } from '@interop/core';
import { ELU, GELU, Identity, LeakyReLU, ReLU, SiLU, Sigmoid, Softplus, Tanh } from '../modules/activation.js';
import type { Activation } from '../modules/activation.js';
import { ACTIVATION_FNS, activationLayer } from './activation-layer.js';

function activationMapping(
  layerType: abstract new (...args: never[]) => Activation,
  layer: string,
): LayerMapping<Activation, 'activation'> {
  const fns = ACTIVATION_FNS[layer]!;
  return defineMapping({
    meta: {
      framework: 'brainstate',
      layer,
      ir: 'activation',
      status: 'stable',
      description: `brainstate.nn.${layer} ↔ activation (${fns.join(' / ')})`,
    },
    layerType,
    toIR: (l: Activation) => l.toIR(),
    fromIR: (ir: ActivationIR) => activationLayer(ir),
    accepts: (ir: ActivationIR) => fns.includes(ir.params.fn),
  });
}

/**
 * `brainstate.nn`'s activation layers ↔ `activation`, one mapping per class so that
 * `supportedLayers()` names them as BrainState does. The anchor refuses them
 * (`UnmappedLayerError`); here they convert, slopes and alphas included.
 *
 * @example
 * ```ts
 * activationLayers.LeakyReLU.toIR(new LeakyReLU(0.2), ctx); // { fn: 'leaky_relu', alpha: 0.2 }
 * ```
 */
export const activationLayers = {
  ELU: activationMapping(ELU, 'ELU'),
  GELU: activationMapping(GELU, 'GELU'),
  Identity: activationMapping(Identity, 'Identity'),
  LeakyReLU: activationMapping(LeakyReLU, 'LeakyReLU'),
  ReLU: activationMapping(ReLU, 'ReLU'),
  SiLU: activationMapping(SiLU, 'SiLU'),
  Sigmoid: activationMapping(Sigmoid, 'Sigmoid'),
  Softplus: activationMapping(Softplus, 'Softplus'),
  Tanh: activationMapping(Tanh, 'Tanh'),
} as const;
