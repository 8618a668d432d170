import { InteropError } from '@interop/core';
import type { Shape } from '@interop/core';
import { KeyArray, singleKey } from './key.js';
import type { KeyLike } from './key.js';
import { checkShape, count } from './shape.js';
import { threefry2x32, threefryStream } from './threefry.js';

/**
 * Splits a key into `num` new keys (or a batch of shape `num`), like `jax.random.split`. Uses
 * the partitionable derivation of JAX >= 0.5: key `i` is the threefry hash of the counter `i`.
 *
 * @throws {InteropError} E_INVALID_ARGUMENT for a batch of keys or a bad `num`.
 * @example
 * ```ts
 * const [a, b] = split(key(0)).unstack();
 * const grid = split(key(0), [2, 3]); // shape [2, 3]
 * ```
 */
export function split(k: KeyLike, num: number | Shape = 2): KeyArray {
  const parent = singleKey(k, 'split');
  const shape = checkShape(num, 'split');
  const words = threefryStream(parent.data[0]!, parent.data[1]!, count(shape));
  return new KeyArray(words, shape, parent.typed);
}

/**
 * Folds a 32-bit integer into a key, like `jax.random.fold_in`: the hash of the counter
 * `(0, data)` under the key.
 *
 * @throws {InteropError} E_INVALID_ARGUMENT when `data` is not an integer in [-2**31, 2**32).
 * @example
 * ```ts
 * const k1 = foldIn(key(0), 1); // what nnx.Rngs(0).params() returns second
 * ```
 */
export function foldIn(k: KeyLike, data: number): KeyArray {
  const parent = singleKey(k, 'foldIn');
  if (!Number.isInteger(data) || data < -(2 ** 31) || data >= 2 ** 32) {
    throw new InteropError('E_INVALID_ARGUMENT', 'foldIn data must be a 32-bit integer', {
      expected: 'an integer in [-2**31, 2**32)',
      found: data,
    });
  }
  const out = new Uint32Array(2);
  // Note: negative int32 data wraps to uint32 as jnp.asarray(int32, 'uint32') does.
  threefry2x32(parent.data[0]!, parent.data[1]!, 0, data >>> 0, out);
  return new KeyArray(out, [], parent.typed);
}
