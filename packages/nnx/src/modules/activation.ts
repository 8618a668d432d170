import type { ActivationFn, ActivationIR } from '@interop/core';
import { Module } from '../module.js';

/** Keyword arguments of {@link Activation}. */
export interface ActivationOptions {
  /** elu's alpha or leaky_relu's negative slope. */
  alpha?: number;
}

/**
 * An elementwise function inside a `Sequential` (Python's `nnx.relu`, `nnx.gelu`, ...). It holds
 * no state but takes a layer index, as in NNX (`layers/1` of `Sequential(linear, relu, ...)`).
 *
 * @example
 * ```ts
 * new Sequential(new Linear(3, 6, { rngs }), relu, new Linear(6, 2, { rngs })); // state: layers/0, layers/2
 * ```
 */
export class Activation extends Module {
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

/**
 * `nnx.relu`.
 *
 * @example
 * ```ts
 * new Sequential(linear, relu);
 * ```
 */
export const relu = new Activation('relu');
/**
 * `nnx.gelu` with its default `approximate=True` (tanh form).
 *
 * @example
 * ```ts
 * new Sequential(linear, gelu);
 * ```
 */
export const gelu = new Activation('gelu_tanh');
/**
 * `partial(nnx.gelu, approximate=False)`: the erf form.
 *
 * @example
 * ```ts
 * new Sequential(linear, geluExact);
 * ```
 */
export const geluExact = new Activation('gelu');
/**
 * `nnx.silu` (also `nnx.swish`).
 *
 * @example
 * ```ts
 * new Sequential(linear, silu);
 * ```
 */
export const silu = new Activation('silu');
/**
 * `nnx.tanh`.
 *
 * @example
 * ```ts
 * new Sequential(linear, tanh);
 * ```
 */
export const tanh = new Activation('tanh');
/**
 * `nnx.sigmoid`.
 *
 * @example
 * ```ts
 * new Sequential(linear, sigmoid);
 * ```
 */
export const sigmoid = new Activation('sigmoid');
/**
 * `nnx.softplus`.
 *
 * @example
 * ```ts
 * new Sequential(linear, softplus);
 * ```
 */
export const softplus = new Activation('softplus');
/**
 * `nnx.elu` with alpha 1; other values: `new Activation('elu', { alpha })`.
 *
 * @example
 * ```ts
 * new Sequential(linear, elu);
 * ```
 */
export const elu = new Activation('elu', { alpha: 1 });
/**
 * `nnx.leaky_relu` with negative slope 0.01; other slopes: `new Activation('leaky_relu', { alpha })`.
 *
 * @example
 * ```ts
 * new Sequential(linear, leakyRelu);
 * ```
 */
export const leakyRelu = new Activation('leaky_relu', { alpha: 0.01 });
