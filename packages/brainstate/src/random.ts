import type { Shape, Tensor } from '@interop/core';
import type { KeyArray, KeyLike } from '@interop/runtime';
import { globalRandom } from './random-state.js';
import type { DrawOptions } from './random-state.js';

export { RandomState } from './random-state.js';
export type { DrawOptions } from './random-state.js';

/**
 * `brainstate.random.seed(s)`: the global state becomes `jax.random.key(s)`.
 *
 * @example
 * ```ts
 * random.seed(0);
 * ```
 */
export function seed(s?: number | KeyLike): void {
  globalRandom.seed(s);
}

/**
 * `brainstate.random.split_key()`: splits the global state, keeps the first key, returns the second
 * (or `n` keys).
 *
 * @example
 * ```ts
 * const k = random.splitKey();
 * ```
 */
export function splitKey(n?: number): KeyArray {
  return globalRandom.splitKey(n);
}

/**
 * `brainstate.random.randn(*dims)`: standard normal, one `split_key` per call.
 *
 * @example
 * ```ts
 * random.seed(0);
 * const x = random.randn(3, 4); // equal to brainstate's
 * ```
 */
export function randn(...dims: Array<number | DrawOptions>): Tensor {
  return globalRandom.randn(...dims);
}

/**
 * `brainstate.random.rand(*dims)`: uniform on [0, 1).
 *
 * @example
 * ```ts
 * const v = random.rand(3);
 * ```
 */
export function rand(...dims: Array<number | DrawOptions>): Tensor {
  return globalRandom.rand(...dims);
}

/**
 * `brainstate.random.uniform(low, high, size)`.
 *
 * @example
 * ```ts
 * random.uniform(-1, 1, [4]);
 * ```
 */
export function uniform(low = 0, high = 1, size: Shape | number = [], options?: DrawOptions): Tensor {
  return globalRandom.uniform(low, high, size, options);
}

/**
 * `brainstate.random.bernoulli(p, size)`: a bool tensor (Dropout's keep mask).
 *
 * @example
 * ```ts
 * random.bernoulli(0.5, [2, 3]);
 * ```
 */
export function bernoulli(p: number, size: Shape | number = []): Tensor {
  return globalRandom.bernoulli(p, size);
}

/**
 * `brainstate.random.DEFAULT`, the global random state every draw and initialiser advances.
 *
 * @example
 * ```ts
 * random.DEFAULT.value; // the current key
 * ```
 */
export const DEFAULT = globalRandom;
