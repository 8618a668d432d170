import type { ActivationFn, ActivationIR } from '@interop/core';
import { Module } from '../module.js';
import type { Variables } from '../variables.js';

/** Keyword arguments of {@link Activation}. */
export interface ActivationOptions {
  /** elu's alpha or leaky_relu's negative slope. */
  alpha?: number;
}

/**
 * An elementwise function inside a `Sequential` (Python's `nn.relu`, `nn.gelu`, ...). It holds
 * no variables but takes a `layers_<i>` index, as in Linen.
 *
 * @example
 * ```ts
 * new Sequential([new Dense(8), relu, new Dense(2)]); // children layers_0, layers_2
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

  initVariables(): Variables {
    return {};
  }

  toIR(): ActivationIR {
    return { kind: 'activation', params: this.alpha === undefined ? { fn: this.fn } : { fn: this.fn, alpha: this.alpha }, tensors: {} };
  }
}

/**
 * `nn.relu`.
 *
 * @example
 * ```ts
 * new Sequential([new Dense(8), relu]);
 * ```
 */
export const relu = new Activation('relu');
/**
 * `nn.gelu` with its default `approximate=True` (tanh form).
 *
 * @example
 * ```ts
 * new Sequential([new Dense(8), gelu]);
 * ```
 */
export const gelu = new Activation('gelu_tanh');
/**
 * `partial(nn.gelu, approximate=False)`: the erf form.
 *
 * @example
 * ```ts
 * new Sequential([new Dense(8), geluExact]);
 * ```
 */
export const geluExact = new Activation('gelu');
/**
 * `nn.silu` (also `nn.swish`).
 *
 * @example
 * ```ts
 * new Sequential([new Dense(8), silu]);
 * ```
 */
export const silu = new Activation('silu');
/**
 * `nn.tanh`.
 *
 * @example
 * ```ts
 * new Sequential([new Dense(8), tanh]);
 * ```
 */
export const tanh = new Activation('tanh');
/**
 * `nn.sigmoid`.
 *
 * @example
 * ```ts
 * new Sequential([new Dense(8), sigmoid]);
 * ```
 */
export const sigmoid = new Activation('sigmoid');
/**
 * `nn.softplus`.
 *
 * @example
 * ```ts
 * new Sequential([new Dense(8), softplus]);
 * ```
 */
export const softplus = new Activation('softplus');
/**
 * `nn.elu` with alpha 1; other values: `new Activation('elu', { alpha })`.
 *
 * @example
 * ```ts
 * new Sequential([new Dense(8), elu]);
 * ```
 */
export const elu = new Activation('elu', { alpha: 1 });
/**
 * `nn.leaky_relu` with negative slope 0.01; other slopes: `new Activation('leaky_relu', { alpha })`.
 *
 * @example
 * ```ts
 * new Sequential([new Dense(8), leakyRelu]);
 * ```
 */
export const leakyRelu = new Activation('leaky_relu', { alpha: 0.01 });
