import { Activation } from './activation.js';

/**
 * `jax.nn.relu` / `brainstate.nn.relu` as a Sequential entry.
 *
 * @example
 * ```ts
 * new Sequential(new Linear(3, 6), relu, new Linear(6, 2));
 * ```
 */
export const relu = new Activation('relu');
/**
 * `jax.nn.gelu` with its default `approximate=True` (tanh form).
 *
 * @example
 * ```ts
 * new Sequential(new Linear(3, 6), gelu);
 * ```
 */
export const gelu = new Activation('gelu_tanh', undefined, 'gelu');
/**
 * `jax.nn.silu`.
 *
 * @example
 * ```ts
 * new Sequential(new Linear(3, 6), silu);
 * ```
 */
export const silu = new Activation('silu');
/**
 * `jax.nn.swish` (the same function as silu).
 *
 * @example
 * ```ts
 * new Sequential(new Linear(3, 6), swish);
 * ```
 */
export const swish = new Activation('silu', undefined, 'swish');
/**
 * `jax.nn.tanh`.
 *
 * @example
 * ```ts
 * new Sequential(new Linear(3, 6), tanh);
 * ```
 */
export const tanh = new Activation('tanh');
/**
 * `jax.nn.sigmoid`.
 *
 * @example
 * ```ts
 * new Sequential(new Linear(3, 6), sigmoid);
 * ```
 */
export const sigmoid = new Activation('sigmoid');
/**
 * `jax.nn.softplus`.
 *
 * @example
 * ```ts
 * new Sequential(new Linear(3, 6), softplus);
 * ```
 */
export const softplus = new Activation('softplus');
/**
 * `jax.nn.elu` with alpha 1.
 *
 * @example
 * ```ts
 * new Sequential(new Linear(3, 6), elu);
 * ```
 */
export const elu = new Activation('elu', 1);
/**
 * `jax.nn.leaky_relu` with negative slope 0.01.
 *
 * @example
 * ```ts
 * new Sequential(new Linear(3, 6), leakyRelu);
 * ```
 */
export const leakyRelu = new Activation('leaky_relu', 0.01, 'leaky_relu');
/**
 * `jax.nn.identity`-style pass-through.
 *
 * @example
 * ```ts
 * new Sequential(new Linear(3, 6), identity);
 * ```
 */
export const identity = new Activation('identity');
