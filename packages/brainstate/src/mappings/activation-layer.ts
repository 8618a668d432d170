import { InteropError } from '@interop/core';
import type { ActivationIR } from '@interop/core';
import { Activation, ELU, GELU, Identity, LeakyReLU, ReLU, SiLU, Sigmoid, Softplus, Tanh } from '../modules/activation.js';

/** The `brainstate.nn` activation layer class for each IR function. */
const LAYERS: Readonly<Record<ActivationIR['params']['fn'], (alpha?: number) => Activation>> = {
  identity: () => new Identity(),
  relu: () => new ReLU(),
  gelu: () => new GELU(false),
  gelu_tanh: () => new GELU(true),
  silu: () => new SiLU(),
  tanh: () => new Tanh(),
  sigmoid: () => new Sigmoid(),
  softplus: () => new Softplus(),
  elu: (alpha) => new ELU(alpha ?? 1),
  leaky_relu: (alpha) => new LeakyReLU(alpha ?? 0.01),
};

/**
 * The `brainstate.nn` layer for an `activation` IR: `ReLU()`, `GELU(approximate)`, `ELU(alpha)`,
 * `LeakyReLU(negative_slope)`, ... (BrainState's layers, so a converted stack stays a stack of
 * layers).
 *
 * @example
 * ```ts
 * activationLayer({ kind: 'activation', params: { fn: 'elu', alpha: 0.5 }, tensors: {} }); // new ELU(0.5)
 * ```
 */
export function activationLayer(ir: ActivationIR): Activation {
  const make = LAYERS[ir.params.fn];
  if (!make)
    throw new InteropError('E_CONVERSION', `brainstate.nn has no activation layer for '${ir.params.fn}'`, {
      fix: `Use one of ${Object.keys(LAYERS).join(', ')}`,
    });
  return make(ir.params.alpha);
}

/** The IR functions each `brainstate.nn` activation class stands for. */
export const ACTIVATION_FNS: Readonly<Record<string, readonly string[]>> = {
  Identity: ['identity'],
  ReLU: ['relu'],
  GELU: ['gelu', 'gelu_tanh'],
  SiLU: ['silu'],
  Tanh: ['tanh'],
  Sigmoid: ['sigmoid'],
  Softplus: ['softplus'],
  ELU: ['elu'],
  LeakyReLU: ['leaky_relu'],
};
