import { ACTIVATION_FUNCTIONS } from '@interop/core';
import type { ActivationFn } from '@interop/core';
import { erfc } from './erf.js';

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/**
 * One activation of `jax.nn` evaluated in float64. `alpha` is elu's alpha or leaky_relu's
 * negative slope.
 *
 * @example
 * ```ts
 * activate('gelu', 1, 0); // 0.8413447460685429
 * ```
 */
export function activate(fn: ActivationFn, x: number, alpha: number): number {
  switch (fn) {
    case 'identity':
      return x;
    case 'relu':
      return x > 0 ? x : 0;
    case 'gelu':
      // x·Φ(x) written with erfc so the negative tail keeps its relative precision.
      return 0.5 * x * erfc(-x / Math.SQRT2);
    case 'gelu_tanh':
      return 0.5 * x * (1 + Math.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x * x * x)));
    case 'silu':
      return x / (1 + Math.exp(-x));
    case 'tanh':
      return Math.tanh(x);
    case 'sigmoid':
      return 1 / (1 + Math.exp(-x));
    case 'softplus':
      return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    case 'elu':
      return x > 0 ? x : alpha * Math.expm1(x);
    case 'leaky_relu':
      return x >= 0 ? x : alpha * x;
  }
}

/** The `alpha` `jax.nn` uses when the IR gives none: 1 for elu, 0.01 for leaky_relu. */
export function defaultAlpha(fn: ActivationFn): number {
  return fn === 'leaky_relu' ? 0.01 : 1;
}

/** Activation names in the order gpu.js kernels number them: core's one list, `ACTIVATION_FUNCTIONS`. */
export const ACTIVATION_CODES: readonly ActivationFn[] = ACTIVATION_FUNCTIONS;
