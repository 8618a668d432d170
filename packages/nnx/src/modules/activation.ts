import { activationModule, namedActivations } from '@interop/flax';
import { Module } from '../module.js';

export type { ActivationOptions } from '@interop/flax';

/**
 * An elementwise function inside a `Sequential` (Python's `nnx.relu`, `nnx.gelu`, ...): Flax's
 * activation module (`@interop/flax`) on NNX's `Module`. It holds no state but takes a layer
 * index, as in NNX (`layers/1` of `Sequential(linear, relu, ...)`).
 *
 * @example
 * ```ts
 * new Sequential(new Linear(3, 6, { rngs }), relu, new Linear(6, 2, { rngs })); // state: layers/0, layers/2
 * new Activation('leaky_relu', { alpha: 0.2 });
 * ```
 */
export class Activation extends activationModule(Module) {}

const named = namedActivations(Activation);

/**
 * NNX's activation functions as modules for a `Sequential` (Python's `nnx.relu`, ... are the
 * `jax.nn` functions): `relu`, `gelu` (`approximate=True` by default, the tanh form), `geluExact`
 * (`partial(nnx.gelu, approximate=False)`, the erf form), `silu` (also `nnx.swish`), `tanh`,
 * `sigmoid`, `softplus`, `elu` (alpha 1) and `leakyRelu` (negative slope 0.01); other
 * parameters: `new Activation('leaky_relu', { alpha })`.
 *
 * @example
 * ```ts
 * new Sequential(linear, relu, other, leakyRelu);
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
