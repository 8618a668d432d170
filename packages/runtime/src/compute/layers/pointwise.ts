import type { ActivationIR, DropoutIR } from '@interop/core';
import { ACTIVATION_CODES, defaultAlpha } from '../math/activations.js';
import type { Activation, LayerContext } from './context.js';
import { expectIR } from './context.js';

/**
 * An elementwise activation with `jax.nn` semantics (gelu exact through erf, gelu_tanh the tanh
 * approximation, elu alpha default 1, leaky_relu slope default 0.01).
 *
 * @throws {InteropError} E_INVALID_IR for an unknown function.
 * @example
 * ```ts
 * runActivation({ kind: 'activation', params: { fn: 'gelu' }, tensors: {} }, x, ctx);
 * ```
 */
export function runActivation(ir: ActivationIR, x: Activation, ctx: LayerContext): Activation {
  const { fn, alpha } = ir.params;
  expectIR(ACTIVATION_CODES.includes(fn), ir, `unknown activation "${String(fn)}"`, fn);
  expectIR(alpha === undefined || Number.isFinite(alpha), ir, 'alpha must be a finite number', alpha);
  if (fn === 'identity') return x;
  return { data: ctx.backend.activation(x.data, fn, alpha ?? defaultAlpha(fn)), shape: x.shape };
}

/**
 * Dropout in inference mode: the identity, whatever the rate.
 *
 * @throws {InteropError} E_INVALID_IR for a rate outside [0, 1].
 * @example
 * ```ts
 * runDropout({ kind: 'dropout', params: { rate: 0.1 }, tensors: {} }, x); // x
 * ```
 */
export function runDropout(ir: DropoutIR, x: Activation): Activation {
  const { rate } = ir.params;
  expectIR(typeof rate === 'number' && rate >= 0 && rate <= 1, ir, 'rate must be in [0, 1]', rate);
  return x;
}
