import { InteropError, Tensor } from '@interop/core';
import type { Shape } from '@interop/core';
import { readArgs } from './args.js';
import type { KeyLike } from './key.js';
import { checkFloatDType, MANTISSA_BITS, roundFor } from './float-dtype.js';
import type { FloatDType } from './float-dtype.js';
import { checkShape, count } from './shape.js';
import { uniformValues } from './uniform.js';

/** Keyword arguments of {@link bernoulli}. */
export interface BernoulliOptions {
  /** Result shape; default `[]`. */
  shape?: Shape | number;
  /** `'low'` (default, one uniform per draw) or `'high'` (two, exact for tiny p). */
  mode?: 'low' | 'high';
  /** The float dtype `p` has in JAX (it decides the uniform draws); default `'float32'`. */
  dtype?: FloatDType;
}

/**
 * Bernoulli draws as a bool tensor, like `jax.random.bernoulli(key, p, shape, mode)`:
 * `uniform(key, shape) < p` in p's dtype.
 *
 * @throws {InteropError} E_INVALID_ARGUMENT for a bad mode, key or shape.
 * @example
 * ```ts
 * bernoulli(key(0), 0.5, [16]);
 * bernoulli(key(0), 0.3, { shape: [4], mode: 'high' });
 * ```
 */
export function bernoulli(
  k: KeyLike,
  p = 0.5,
  ...args: [(Shape | number | BernoulliOptions)?, ('low' | 'high' | BernoulliOptions)?, BernoulliOptions?]
): Tensor<'bool'> {
  const o = readArgs<BernoulliOptions>(args, ['shape', 'mode']);
  const mode = o.mode ?? 'low';
  if (mode !== 'low' && mode !== 'high') {
    throw new InteropError('E_INVALID_ARGUMENT', "bernoulli mode must be 'low' or 'high'", { found: mode });
  }
  const dtype = checkFloatDType(o.dtype, 'bernoulli');
  const r = roundFor(dtype);
  const pr = r(p);
  const s = checkShape(o.shape, 'bernoulli');
  const n = count(s);
  const out = new Uint8Array(n);
  if (mode === 'low') {
    const u = uniformValues(k, n, dtype, 0, 1);
    for (let i = 0; i < n; i++) out[i] = u[i]! < pr ? 1 : 0;
  } else {
    const u = uniformValues(k, 2 * n, dtype, 0, 1);
    const scale = 2 ** -MANTISSA_BITS[dtype];
    for (let i = 0; i < n; i++) out[i] = r(u[n + i]! * scale) < r(pr - u[i]!) ? 1 : 0;
  }
  return new Tensor('bool', s, out);
}
