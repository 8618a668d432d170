import type { Shape, Tensor } from '@interop/core';
import type { FloatDType } from '../float-dtype.js';
import type { KeyLike } from '../key.js';

/**
 * An initialiser, as in `jax.nn.initializers`: a key, a shape and an optional dtype in, an
 * array out (`(key, shape, dtype?) => Tensor`).
 *
 * @example
 * ```ts
 * const init: Initializer = lecunNormal();
 * init(key(0), [4, 8]);
 * ```
 */
export type Initializer = (key: KeyLike, shape: Shape, dtype?: FloatDType) => Tensor;
