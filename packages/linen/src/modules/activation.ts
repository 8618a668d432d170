import { activationModule, namedActivations } from '@interop/flax';
import { Module } from '../module.js';
import type { Variables } from '../variables.js';

export type { ActivationOptions } from '@interop/flax';

/**
 * An elementwise function inside a `Sequential` (Python's `nn.relu`, `nn.gelu`, ...): Flax's
 * activation module (`@interop/flax`) on Linen's `Module`. It holds no variables but takes a
 * `layers_<i>` index, as in Linen.
 *
 * @example
 * ```ts
 * new Sequential([new Dense(8), relu, new Dense(2)]); // children layers_0, layers_2
 * new Activation('leaky_relu', { alpha: 0.2 });
 * ```
 */
export class Activation extends activationModule(Module) {
  initVariables(): Variables {
    return {};
  }
}

const named = namedActivations(Activation);

/**
 * Linen's activation functions as modules for a `Sequential`: `relu` (`nn.relu`), `gelu`
 * (`nn.gelu` with its default `approximate=True`, the tanh form), `geluExact`
 * (`partial(nn.gelu, approximate=False)`, the erf form), `silu` (also `nn.swish`), `tanh`,
 * `sigmoid`, `softplus`, `elu` (alpha 1) and `leakyRelu` (negative slope 0.01); other parameters:
 * `new Activation('elu', { alpha })`.
 *
 * @example
 * ```ts
 * new Sequential([new Dense(8), relu, new Dense(8), leakyRelu, new Dense(2)]);
 * ```
 */
export const relu = named.relu,
  gelu = named.gelu,
  geluExact = named.geluExact,
  silu = named.silu,
  tanh = named.tanh,
  sigmoid = named.sigmoid,
  softplus = named.softplus,
  elu = named.elu,
  leakyRelu = named.leakyRelu;
