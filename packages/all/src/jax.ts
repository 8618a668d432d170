import { InteropError, Tensor, concat, sliceAxis } from '@interop/core';
import {
  PRNGKey,
  bernoulli,
  bits,
  foldIn,
  key,
  keyData,
  normal,
  split,
  truncatedNormal,
  uniform,
  wrapKeyData,
} from '@interop/runtime';

/** A per-example function, or a module called with `.call(x)` (Equinox's modules). */
export type PerExample = ((x: Tensor) => unknown) | { call(x: Tensor): unknown };

function stack(outputs: unknown[], where: string): unknown {
  const first = outputs[0];
  if (first instanceof Tensor) {
    return concat(outputs.map((y) => (y as Tensor).reshape([1, ...(y as Tensor).shape])), 0);
  }
  if (Array.isArray(first)) return first.map((_, i) => stack(outputs.map((y) => (y as unknown[])[i]), `${where}[${i}]`));
  throw new InteropError('E_INVALID_ARGUMENT', `vmap can stack tensors and arrays of tensors, but ${where} is ${typeof first}`, {
    fix: 'Return a Tensor (or an array of Tensors) from the mapped function',
  });
}

/**
 * `jax.vmap(f)` over the leading axis of one tensor argument: calls `f` (or `module.call`) on
 * each example and stacks the results (tensors, or arrays of tensors such as a carry).
 *
 * @example
 * ```ts
 * const y = jax.vmap(eqxModel)(x); // x: (batch, ...), each example through eqxModel.call
 * ```
 */
export function vmap(fn: PerExample): (x: Tensor) => unknown {
  const call = typeof fn === 'function' ? fn : (x: Tensor) => fn.call(x);
  return (x: Tensor) => {
    if (!(x instanceof Tensor) || x.ndim === 0) {
      throw new InteropError('E_INVALID_ARGUMENT', 'vmap needs a Tensor with a leading batch axis', { found: x instanceof Tensor ? 'a 0-d tensor' : typeof x });
    }
    const n = x.shape[0]!;
    if (n === 0) throw new InteropError('E_INVALID_ARGUMENT', 'vmap over an empty batch axis has nothing to stack', { fix: 'Pass at least one example' });
    const outputs = Array.from({ length: n }, (_, i) => call(sliceAxis(x, 0, i, i + 1).reshape(x.shape.slice(1))));
    return stack(outputs, 'the output');
  };
}

/**
 * `jax.random`, with JAX's threefry bits: same key, same numbers as Python. Arguments as in
 * Python, with a final object for keyword arguments (`uniform(k, [6], { minval: -1 })`).
 *
 * @example
 * ```ts
 * const [k1, k2] = jax.random.split(jax.random.PRNGKey(0));
 * jax.random.normal(k1, [3, 4]);
 * ```
 */
export const random = { PRNGKey, bernoulli, bits, foldIn, key, keyData, normal, split, truncatedNormal, uniform, wrapKeyData } as const;
