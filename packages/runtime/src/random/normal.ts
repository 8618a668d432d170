import type { Shape, Tensor } from '@interop/core';
import { readArgs } from './args.js';
import type { KeyLike } from './key.js';
import { erfF64, erfInvF64 } from './erf-f64.js';
import { checkFloatDType, floatTensor, nextAfter, roundFor } from './float-dtype.js';
import type { FloatDType } from './float-dtype.js';
import { checkShape, count } from './shape.js';
import { uniformValues } from './uniform.js';
import { erfF32, erfInvF32 } from './xla-math.js';

/** Keyword arguments of {@link normal}. */
export interface NormalOptions {
  /** Result dtype; default `'float32'`. */
  dtype?: FloatDType;
}

/** Keyword arguments of {@link truncatedNormal}. */
export interface TruncatedNormalOptions {
  /** Result shape; default `[]`. */
  shape?: Shape | number;
  /** Result dtype; default `'float32'`. */
  dtype?: FloatDType;
}

// erf_inv runs in float32 for float32 and the half types (XLA widens halves), float64 apart.
function erfInvFor(dtype: FloatDType): (x: number) => number {
  return dtype === 'float64' ? erfInvF64 : erfInvF32;
}

/**
 * Standard normal samples as numbers exactly representable in `dtype`:
 * `sqrt(2) * erf_inv(uniform(nextafter(-1, 0), 1))`, rounded step by step like XLA.
 *
 * @example
 * ```ts
 * normalValues(key(0), 3, 'float32');
 * ```
 */
export function normalValues(k: KeyLike, n: number, dtype: FloatDType): Float64Array {
  const r = roundFor(dtype);
  const sqrt2 = r(Math.SQRT2);
  const inv = erfInvFor(dtype);
  const u = uniformValues(k, n, dtype, nextAfter(-1, 0, dtype), 1);
  for (let i = 0; i < n; i++) u[i] = r(r(inv(u[i]!)) * sqrt2);
  return u;
}

/**
 * Standard normal samples, like `jax.random.normal(key, shape, dtype)`. float32 is
 * bit-identical to JAX on CPU; see docs/random.md for the other dtypes.
 *
 * @throws {InteropError} E_DTYPE for a non-float dtype; E_INVALID_ARGUMENT for a bad key/shape.
 * @example
 * ```ts
 * normal(key(0), [3, 4]);
 * normal(key(0), [8], 'bfloat16');
 * ```
 */
export function normal(k: KeyLike, shape?: Shape | number, ...args: [(FloatDType | NormalOptions)?, NormalOptions?]): Tensor {
  const o = readArgs<NormalOptions>(args, ['dtype']);
  const dtype = checkFloatDType(o.dtype, 'normal');
  const s = checkShape(shape, 'normal');
  return floatTensor(normalValues(k, count(s), dtype), s, dtype);
}

/**
 * Truncated standard normal samples on (lower, upper) as numbers representable in `dtype`.
 *
 * @example
 * ```ts
 * truncatedNormalValues(key(0), 4, 'float32', -2, 2);
 * ```
 */
export function truncatedNormalValues(k: KeyLike, n: number, dtype: FloatDType, lower: number, upper: number): Float64Array {
  const r = roundFor(dtype);
  const sqrt2 = r(Math.SQRT2);
  const lo = r(lower);
  const hi = r(upper);
  // Note: XLA rewrites `x / sqrt2` into `x * (1 / sqrt2)` with the reciprocal rounded first.
  const recip = r(1 / sqrt2);
  const erf = dtype === 'float64' ? erfF64 : erfF32;
  const a = r(erf(r(lo * recip)));
  const b = r(erf(r(hi * recip)));
  const inv = erfInvFor(dtype);
  const u = uniformValues(k, n, dtype, a, b);
  const floor = nextAfter(lo, Infinity, dtype);
  const ceil = nextAfter(hi, -Infinity, dtype);
  for (let i = 0; i < n; i++) u[i] = Math.min(ceil, Math.max(floor, r(r(inv(u[i]!)) * sqrt2)));
  return u;
}

/**
 * Truncated standard normal samples on (lower, upper), like
 * `jax.random.truncated_normal(key, lower, upper, shape, dtype)`.
 *
 * @throws {InteropError} E_DTYPE for a non-float dtype; E_INVALID_ARGUMENT for a bad key/shape.
 * @example
 * ```ts
 * truncatedNormal(key(0), -2, 2, [6]);
 * truncatedNormal(key(0), -2, 2, { shape: [6], dtype: 'bfloat16' });
 * ```
 */
export function truncatedNormal(
  k: KeyLike,
  lower: number,
  upper: number,
  ...args: [(Shape | number | TruncatedNormalOptions)?, (FloatDType | TruncatedNormalOptions)?, TruncatedNormalOptions?]
): Tensor {
  const o = readArgs<TruncatedNormalOptions>(args, ['shape', 'dtype']);
  const dtype = checkFloatDType(o.dtype, 'truncatedNormal');
  const s = checkShape(o.shape, 'truncatedNormal');
  return floatTensor(truncatedNormalValues(k, count(s), dtype, lower, upper), s, dtype);
}
