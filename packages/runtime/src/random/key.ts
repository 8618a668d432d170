import { InteropError, Tensor } from '@interop/core';
import type { Shape } from '@interop/core';

/**
 * One or more threefry2x32 PRNG keys: `data` holds two uint32 words per key, `shape` is the
 * batch shape (`[]` for a single key). `typed` tells how JAX would show it: `true` for a typed
 * key from `jax.random.key` (`key<fry>[]`), `false` for a legacy raw `uint32[..., 2]` array
 * from `jax.random.PRNGKey`. Both derive bits identically; operations keep the flavour.
 *
 * @example
 * ```ts
 * const k = key(0);
 * k.toString(); // 'Array((), dtype=key<fry>) overlaying:\n[0 0]'
 * PRNGKey(0).toString(); // '[0 0]'
 * ```
 */
export class KeyArray {
  /** Two uint32 words per key, C order. */
  readonly data: Uint32Array;
  /** Batch shape; `[]` for one key. */
  readonly shape: Shape;
  /** `true` for `key()`-style typed keys, `false` for raw `PRNGKey` arrays. */
  readonly typed: boolean;

  constructor(data: Uint32Array, shape: Shape, typed: boolean) {
    let n = 1;
    for (const d of shape) n *= d;
    if (data.length !== 2 * n) {
      throw new InteropError('E_SHAPE_MISMATCH', 'Key data must hold two uint32 words per key', {
        expected: 2 * n,
        found: data.length,
      });
    }
    this.data = data;
    this.shape = Object.freeze([...shape]);
    this.typed = typed;
  }

  /** Number of keys. */
  get size(): number {
    return this.data.length / 2;
  }

  /**
   * The `i`-th key of a batch (flat C order), as a single key of the same flavour.
   *
   * @throws {InteropError} E_INVALID_ARGUMENT when `i` is out of range.
   */
  at(i: number): KeyArray {
    const n = this.size;
    const j = i < 0 ? i + n : i;
    if (!Number.isInteger(j) || j < 0 || j >= n) {
      throw new InteropError('E_INVALID_ARGUMENT', 'Key index out of range', {
        expected: `an integer in [-${n}, ${n})`,
        found: i,
      });
    }
    return new KeyArray(this.data.slice(2 * j, 2 * j + 2), [], this.typed);
  }

  /** All keys of a batch as single keys. */
  unstack(): KeyArray[] {
    return Array.from({ length: this.size }, (_, i) => this.at(i));
  }

  /**
   * Iterates over the first batch axis, as JAX does, so `const [k1, k2] = split(k)` unpacks the
   * two keys; a key batch of shape `[2, 3]` yields two batches of shape `[3]`.
   *
   * @throws {InteropError} E_INVALID_ARGUMENT for a single key (shape `[]`), which JAX cannot iterate either.
   */
  *[Symbol.iterator](): Iterator<KeyArray> {
    if (this.shape.length === 0) {
      throw new InteropError('E_INVALID_ARGUMENT', 'A single key cannot be iterated over (JAX: iteration over a 0-d key array)', {
        found: 'a key of shape []',
        fix: 'Split it first: const [k1, k2] = split(k)',
      });
    }
    const [rows, ...rest] = this.shape;
    const words = this.data.length / rows!;
    for (let i = 0; i < rows!; i++) yield new KeyArray(this.data.slice(i * words, (i + 1) * words), rest, this.typed);
  }

  /** The raw words as a uint32 tensor of shape `[...shape, 2]` (JAX `key_data`). */
  keyData(): Tensor<'uint32'> {
    return new Tensor('uint32', [...this.shape, 2], this.data.slice());
  }

  /** Prints like JAX: typed keys with their `key<fry>` dtype, raw keys as uint32 arrays. */
  toString(): string {
    const body = formatWords(this.data, this.shape);
    if (!this.typed) return body;
    return `Array(${formatShape(this.shape)}, dtype=key<fry>) overlaying:\n${body}`;
  }
}

function formatShape(shape: Shape): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

function formatWords(data: Uint32Array, shape: Shape): string {
  const rows: string[] = [];
  for (let i = 0; i < data.length; i += 2) rows.push(`[${data[i]} ${data[i + 1]}]`);
  if (shape.length === 0) return rows[0]!;
  return `[${rows.join('\n ')}]`;
}

/** Anything the samplers accept as a key: a {@link KeyArray} or raw words `[k0, k1]`. */
export type KeyLike = KeyArray | Uint32Array | readonly number[];

function seedWords(seed: number | bigint): Uint32Array {
  const ok = typeof seed === 'bigint' || Number.isSafeInteger(seed);
  if (!ok) {
    throw new InteropError('E_INVALID_ARGUMENT', 'A PRNG seed must be an integer', {
      expected: 'a safe integer or a bigint',
      found: seed,
    });
  }
  // Note: with jax_enable_x64 off (JAX's default) the seed becomes a 32-bit integer, so the
  // high word is always 0 and the low word is the seed modulo 2**32 (key(-1) is [0, 4294967295]).
  return Uint32Array.of(0, Number(BigInt.asUintN(32, BigInt(seed))));
}

/**
 * A typed PRNG key from an integer seed (`jax.random.key(seed)`).
 *
 * @throws {InteropError} E_INVALID_ARGUMENT when the seed is not an integer.
 * @example
 * ```ts
 * const k = key(42); // data: Uint32Array [0, 42]
 * ```
 */
export function key(seed: number | bigint): KeyArray {
  return new KeyArray(seedWords(seed), [], true);
}

/**
 * A legacy raw PRNG key from an integer seed (`jax.random.PRNGKey(seed)`): a `uint32[2]`.
 *
 * @throws {InteropError} E_INVALID_ARGUMENT when the seed is not an integer.
 * @example
 * ```ts
 * const k = PRNGKey(0); // prints '[0 0]'
 * ```
 */
export function PRNGKey(seed: number | bigint): KeyArray {
  return new KeyArray(seedWords(seed), [], false);
}

/**
 * Wraps raw key words (`uint32[..., 2]`) as typed keys (`jax.random.wrap_key_data`).
 *
 * @throws {InteropError} E_INVALID_ARGUMENT when the last axis is not 2.
 * @example
 * ```ts
 * const k = wrapKeyData(Uint32Array.of(0, 42)); // same as key(42)
 * ```
 */
export function wrapKeyData(data: Tensor | Uint32Array | readonly number[], shape?: Shape): KeyArray {
  const words = data instanceof Tensor ? Uint32Array.from(data.toArray()) : Uint32Array.from(data);
  const full = data instanceof Tensor ? data.shape : (shape ?? [words.length]);
  if (full.length === 0 || full[full.length - 1] !== 2) {
    throw new InteropError('E_INVALID_ARGUMENT', 'Key data must end in an axis of size 2', {
      found: `[${full.join(', ')}]`,
    });
  }
  return new KeyArray(words, full.slice(0, -1), true);
}

/**
 * The raw words of keys as a uint32 tensor of shape `[...shape, 2]` (`jax.random.key_data`).
 *
 * @example
 * ```ts
 * keyData(key(42)).data; // Uint32Array [0, 42]
 * ```
 */
export function keyData(k: KeyLike): Tensor<'uint32'> {
  return toKeyArray(k).keyData();
}

/**
 * Normalises a key argument. Raw arrays of two words count as a legacy `PRNGKey`.
 *
 * @throws {InteropError} E_INVALID_ARGUMENT for anything else.
 * @example
 * ```ts
 * toKeyArray([0, 42]).typed; // false
 * ```
 */
export function toKeyArray(k: KeyLike): KeyArray {
  if (k instanceof KeyArray) return k;
  if ((k instanceof Uint32Array || Array.isArray(k)) && k.length === 2) {
    return new KeyArray(Uint32Array.from(k as ArrayLike<number>), [], false);
  }
  throw new InteropError('E_INVALID_ARGUMENT', 'Expected a PRNG key', {
    expected: 'a KeyArray from key()/PRNGKey()/split(), or two uint32 words',
    found: k,
    fix: 'Create one with key(seed).',
  });
}

/**
 * Normalises a key argument and requires a single key (no batch axes).
 *
 * @throws {InteropError} E_INVALID_ARGUMENT for a batch of keys.
 * @example
 * ```ts
 * singleKey(key(0)).size; // 1
 * ```
 */
export function singleKey(k: KeyLike, op: string): KeyArray {
  const ka = toKeyArray(k);
  if (ka.shape.length !== 0) {
    throw new InteropError('E_INVALID_ARGUMENT', `${op} accepts a single key`, {
      expected: 'a key of shape []',
      found: `a key array of shape [${ka.shape.join(', ')}]`,
      fix: 'Pick one key with keys.at(i).',
    });
  }
  return ka;
}
