import type { ActivationFn, ActivationIR } from '@interop/core';
import type { FlaxModule } from './module.js';

/** Keyword arguments of an activation module. */
export interface ActivationOptions {
  /** elu's alpha or leaky_relu's negative slope. */
  alpha?: number;
}

/** What an activation module adds to its framework's `Module` (its `type` is always `Activation`: one class stands for every function). */
export interface ActivationMembers {
  /** The function (`relu`, `gelu_tanh`, ...). */
  readonly fn: ActivationFn;
  /** elu's alpha or leaky_relu's negative slope; undefined for the other functions. */
  readonly alpha: number | undefined;
  /** The `activation` IR of the function. */
  toIR(): ActivationIR;
}

/** The class {@link activationModule} returns: a `Module` of the framework that runs one function. */
export type ActivationClass<M extends FlaxModule> = abstract new (
  fn: ActivationFn,
  options?: ActivationOptions,
) => M & ActivationMembers & { readonly type: 'Activation' };

/**
 * The activation module on a framework's `Module` base: an elementwise function (`nn.relu`,
 * `nnx.gelu`, ...) that holds no weights but takes a place in a `Sequential`, as in Flax. Linen
 * and NNX each extend it with what their `Module` still asks for.
 *
 * @example
 * ```ts
 * export class Activation extends activationModule(Module) {}
 * new Activation('leaky_relu', { alpha: 0.2 }).toIR(); // { kind: 'activation', params: { fn: 'leaky_relu', alpha: 0.2 }, tensors: {} }
 * ```
 */
export function activationModule<M extends FlaxModule>(Base: abstract new () => M): ActivationClass<M> {
  abstract class Activation extends (Base as abstract new () => FlaxModule) implements ActivationMembers {
    readonly type = 'Activation';
    readonly alpha: number | undefined;

    constructor(
      readonly fn: ActivationFn,
      options: ActivationOptions = {},
    ) {
      super();
      this.alpha = options.alpha;
    }

    toIR(): ActivationIR {
      return { kind: 'activation', params: this.alpha === undefined ? { fn: this.fn } : { fn: this.fn, alpha: this.alpha }, tensors: {} };
    }
  }
  return Activation as unknown as ActivationClass<M>;
}

/** Flax's activation functions by their TypeScript names, each a module made by {@link namedActivations}. */
export interface NamedActivations<T> {
  /** `relu`. */
  relu: T;
  /** `gelu` with its default `approximate=True` (the tanh form). */
  gelu: T;
  /** `partial(gelu, approximate=False)`: the erf form. */
  geluExact: T;
  /** `silu` (also `swish`). */
  silu: T;
  /** `tanh`. */
  tanh: T;
  /** `sigmoid`. */
  sigmoid: T;
  /** `softplus`. */
  softplus: T;
  /** `elu` with alpha 1. */
  elu: T;
  /** `leaky_relu` with negative slope 0.01. */
  leakyRelu: T;
}

const NAMED: Record<keyof NamedActivations<unknown>, [ActivationFn, number?]> = {
  relu: ['relu'],
  gelu: ['gelu_tanh'],
  geluExact: ['gelu'],
  silu: ['silu'],
  tanh: ['tanh'],
  sigmoid: ['sigmoid'],
  softplus: ['softplus'],
  elu: ['elu', 1],
  leakyRelu: ['leaky_relu', 0.01],
};

/**
 * One instance of `Activation` per named Flax function, with Flax's default parameters; a plugin
 * exports them as `relu`, `gelu`, ...
 *
 * @example
 * ```ts
 * const named = namedActivations(Activation);
 * named.leakyRelu.alpha; // 0.01
 * ```
 */
export function namedActivations<T>(Activation: new (fn: ActivationFn, options?: ActivationOptions) => T): NamedActivations<T> {
  const entries = Object.entries(NAMED).map(([name, [fn, alpha]]) => [name, new Activation(fn, alpha === undefined ? {} : { alpha })]);
  return Object.fromEntries(entries) as NamedActivations<T>;
}
