/**
 * The elementwise activation functions an `activation` node may apply, as `jax.nn` names them
 * (`gelu` is the exact erf form, `gelu_tanh` the tanh approximation). The one list of them: the
 * `activation` kind's param check, the `ActivationFn` type and the runtime's kernel numbering all
 * read it, so a new function is added here (and given math in the runtime).
 *
 * @example
 * ```ts
 * ACTIVATION_FUNCTIONS.includes('relu'); // true
 * ```
 */
export const ACTIVATION_FUNCTIONS = Object.freeze([
  'identity',
  'relu',
  'gelu',
  'gelu_tanh',
  'silu',
  'tanh',
  'sigmoid',
  'softplus',
  'elu',
  'leaky_relu',
] as const);

/** Elementwise activation functions a stack may hold (see {@link ACTIVATION_FUNCTIONS}). */
export type ActivationFn = (typeof ACTIVATION_FUNCTIONS)[number];
