import { InteropError, Tensor } from '@interop/core';
import type { State } from '../state.js';

/**
 * The array `key` of a dict-valued state, refusing a missing or malformed one by path.
 *
 * @throws {InteropError} E_INVALID_ARGUMENT naming `layer`, the state and the key.
 * @example
 * ```ts
 * const kernel = requireEntry(linear.weight, 'weight', 'Linear', 'weight');
 * ```
 */
export function requireEntry(state: State | undefined | null, key: string, layer: string, stateName: string): Tensor {
  const v = state?.value;
  const t = v === undefined || v instanceof Tensor ? undefined : v[key];
  if (!(t instanceof Tensor)) {
    const found = v === undefined ? '(no state)' : v instanceof Tensor ? 'an array' : Object.keys(v).join(', ') || '(empty dict)';
    throw new InteropError('E_INVALID_ARGUMENT', `${layer}.${stateName} lacks '${key}'`, { found });
  }
  return t;
}

/**
 * The array value of a state, refusing a missing or dict-valued one.
 *
 * @throws {InteropError} E_INVALID_ARGUMENT naming the layer and state.
 * @example
 * ```ts
 * requireArray(bn.runningMean, 'BatchNorm1d', 'running_mean');
 * ```
 */
export function requireArray(state: State | undefined | null, layer: string, stateName: string): Tensor {
  const v = state?.value;
  if (!(v instanceof Tensor)) {
    throw new InteropError('E_INVALID_ARGUMENT', `${layer}.${stateName} must hold an array`, {
      found: v === undefined ? '(no state)' : 'a dict',
    });
  }
  return v;
}
