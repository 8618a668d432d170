import { InteropError, Tensor } from '@interop/core';
import type { Shape } from '@interop/core';
import { singleKey } from './key.js';
import type { KeyLike } from './key.js';
import { checkShape, count } from './shape.js';
import { threefryStream } from './threefry.js';

/** The unsigned dtypes {@link bits} can return. */
export type BitsDType = 'uint8' | 'uint16' | 'uint32' | 'uint64';

/** Keyword arguments of {@link bits}. */
export interface BitsOptions {
  /** Result dtype; default `'uint32'` (JAX's default with x64 off). */
  dtype?: BitsDType;
}

/**
 * The random words of a key for `n` elements: `w0 ^ w1` per element, the 32-bit stream every
 * float sampler narrows from (8/16-bit draws keep the low bits).
 *
 * @example
 * ```ts
 * randomWords(key(0), 4); // Uint32Array(4)
 * ```
 */
export function randomWords(k: KeyLike, n: number): Uint32Array {
  const ka = singleKey(k, 'random bits');
  const pairs = threefryStream(ka.data[0]!, ka.data[1]!, n);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = (pairs[2 * i]! ^ pairs[2 * i + 1]!) >>> 0;
  return out;
}

/**
 * Uniform random bits as unsigned integers, like `jax.random.bits`. uint64 joins the two
 * threefry words as `w0 << 32 | w1` (JAX needs jax_enable_x64 for that dtype).
 *
 * @throws {InteropError} E_DTYPE for a non-unsigned dtype; E_INVALID_ARGUMENT for a bad shape.
 * @example
 * ```ts
 * bits(key(0), [8]).data; // Uint32Array(8)
 * bits(key(42), [7], { dtype: 'uint8' });
 * ```
 */
export function bits(k: KeyLike, shape: Shape | number = [], options: BitsOptions = {}): Tensor {
  const dtype = options.dtype ?? 'uint32';
  const s = checkShape(shape, 'bits');
  const n = count(s);
  if (dtype === 'uint64') {
    const ka = singleKey(k, 'bits');
    const pairs = threefryStream(ka.data[0]!, ka.data[1]!, n);
    const out = new BigUint64Array(n);
    for (let i = 0; i < n; i++) {
      out[i] = (BigInt(pairs[2 * i]!) << 32n) | BigInt(pairs[2 * i + 1]!);
    }
    return new Tensor('uint64', s, out);
  }
  const words = randomWords(k, n);
  if (dtype === 'uint32') return new Tensor('uint32', s, words);
  if (dtype === 'uint16')
    return new Tensor(
      'uint16',
      s,
      Uint16Array.from(words, (w) => w & 0xffff),
    );
  if (dtype === 'uint8')
    return new Tensor(
      'uint8',
      s,
      Uint8Array.from(words, (w) => w & 0xff),
    );
  throw new InteropError('E_DTYPE', 'bits needs an unsigned integer dtype', {
    expected: 'uint8, uint16, uint32 or uint64',
    found: dtype,
  });
}
