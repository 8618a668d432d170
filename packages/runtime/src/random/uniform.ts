import type { Shape, Tensor } from '@interop/core';
import { readArgs } from './args.js';
import { singleKey } from './key.js';
import type { KeyLike } from './key.js';
import { checkFloatDType, floatTensor, MANTISSA_BITS, roundFor } from './float-dtype.js';
import type { FloatDType } from './float-dtype.js';
import { checkShape, count } from './shape.js';
import { threefryStream } from './threefry.js';
import { fmaF32 } from './xla-math.js';

/** Keyword arguments of {@link uniform}. */
export interface UniformOptions {
  /** Result dtype; default `'float32'`. */
  dtype?: FloatDType;
  /** Inclusive lower bound; default 0. */
  minval?: number;
  /** Exclusive upper bound; default 1. */
  maxval?: number;
}

/**
 * Uniform draws in [0, 1) with `nmant` random mantissa bits, exactly as JAX builds them: the
 * top bits of each element's random word become the mantissa of a float in [1, 2), minus 1.
 * Half types take a 16-bit draw (the low half of the word), float64 the full 64-bit pair.
 */
function unitDraws(k: KeyLike, n: number, dtype: FloatDType): Float64Array {
  const ka = singleKey(k, 'uniform');
  const pairs = threefryStream(ka.data[0]!, ka.data[1]!, n);
  const out = new Float64Array(n);
  const nmant = MANTISSA_BITS[dtype];
  for (let i = 0; i < n; i++) {
    const w0 = pairs[2 * i]!;
    const w1 = pairs[2 * i + 1]!;
    if (dtype === 'float64') {
      out[i] = w0 * 2 ** -32 + (w1 >>> 12) * 2 ** -52;
    } else if (dtype === 'float32') {
      out[i] = ((w0 ^ w1) >>> 9) * 2 ** -23;
    } else if (dtype === 'bfloat16') {
      // Note: JAX asks for bits 9..15 of the 16-bit draw, but XLA:CPU (jax 0.10.2) compiles the
      // shift so that bits 1..7 of the 32-bit word land in the mantissa; we match what runs.
      out[i] = (((w0 ^ w1) >>> 1) & 0x7f) * 2 ** -7;
    } else {
      out[i] = (((w0 ^ w1) & 0xffff) >>> (16 - nmant)) * 2 ** -nmant;
    }
  }
  return out;
}

/**
 * The values of `uniform` as plain numbers (each exactly representable in `dtype`), for the
 * samplers built on it.
 *
 * @example
 * ```ts
 * uniformValues(key(0), 4, 'float32', -1, 1);
 * ```
 */
export function uniformValues(k: KeyLike, n: number, dtype: FloatDType, minval: number, maxval: number): Float64Array {
  const r = roundFor(dtype);
  const lo = r(minval);
  const span = r(r(maxval) - lo);
  const u = unitDraws(k, n, dtype);
  // Note: for float32 XLA:CPU fuses `u * span + lo` into one FMA; half types narrow in between.
  if (dtype === 'float32') for (let i = 0; i < n; i++) u[i] = Math.max(lo, fmaF32(u[i]!, span, lo));
  else for (let i = 0; i < n; i++) u[i] = Math.max(lo, r(r(u[i]! * span) + lo));
  return u;
}

/**
 * Uniform samples in [minval, maxval), bit-identical to `jax.random.uniform`.
 * Python order: `uniform(key, shape, dtype, minval, maxval)`, or keywords in a final object.
 *
 * @throws {InteropError} E_DTYPE for a non-float dtype; E_INVALID_ARGUMENT for a bad key/shape.
 * @example
 * ```ts
 * uniform(key(0), [6]);
 * uniform(key(0), [6], { minval: -1 });
 * uniform(key(0), [3], 'bfloat16', -2, 3);
 * ```
 */
export function uniform(
  k: KeyLike,
  shape?: Shape | number,
  ...args: [(FloatDType | UniformOptions)?, (number | UniformOptions)?, (number | UniformOptions)?, UniformOptions?]
): Tensor {
  const o = readArgs<UniformOptions>(args, ['dtype', 'minval', 'maxval']);
  const dtype = checkFloatDType(o.dtype, 'uniform');
  const s = checkShape(shape, 'uniform');
  const values = uniformValues(k, count(s), dtype, o.minval ?? 0, o.maxval ?? 1);
  return floatTensor(values, s, dtype);
}
