import { InteropError } from '@interop/core';
import type { Shape, Tensor } from '@interop/core';
import {
  KeyArray,
  bernoulli,
  checkFloatDType,
  checkShape,
  erfF32,
  erfInvF32,
  floatTensor,
  key as makeKey,
  nextAfter,
  normal,
  roundFor,
  split,
  toKeyArray,
  uniform,
  uniformValues,
} from '@interop/runtime';
import type { FloatDType, KeyLike } from '@interop/runtime';

// BrainState's convention on top of the runtime's JAX primitives: one global key that every draw
// splits first (brainstate.random.RandomState).

/** Per-call keyword arguments of {@link RandomState} samplers. */
export interface DrawOptions {
  /** Use this key instead of splitting the state. */
  key?: KeyLike;
  /** Result dtype; default float32 (`environ.dftype()`). */
  dtype?: FloatDType;
}

function freshSeed(): number {
  const c = (globalThis as { crypto?: { getRandomValues(a: Uint32Array): Uint32Array } }).crypto;
  return c ? c.getRandomValues(new Uint32Array(1))[0]! : Math.floor(Math.random() * 2 ** 32);
}

/**
 * BrainState's `RandomState`: one typed key that every draw advances with
 * `state, sub = split(state)` (`split_key`), then samples from `sub`.
 *
 * @example
 * ```ts
 * const rs = new RandomState(0);
 * rs.randn(3, 4); // brainstate.random.seed(0); brainstate.random.randn(3, 4)
 * ```
 */
export class RandomState {
  private current: KeyArray | undefined;

  /** An unseeded state draws a fresh random seed on first use, as BrainState's DEFAULT does. */
  constructor(seed?: number | KeyLike) {
    if (seed !== undefined) this.seed(seed);
  }

  /** The current state key. */
  get value(): KeyArray {
    this.current ??= makeKey(freshSeed());
    return this.current;
  }

  set value(k: KeyArray) {
    this.current = k;
  }

  /** `seed(s)`: the state becomes `key(s)` (a key is taken as is); no seed draws a fresh one. */
  seed(seed?: number | KeyLike): void {
    this.current = seed === undefined ? makeKey(freshSeed()) : typeof seed === 'number' ? makeKey(seed) : toKeyArray(seed);
  }

  /**
   * `split_key()` / `split_key(n)`: `keys = split(state, n + 1)`, the state becomes `keys[0]`,
   * the rest is returned (one key, or a batch of `n`).
   *
   * @throws {InteropError} E_INVALID_ARGUMENT when `n` is not a positive integer.
   */
  splitKey(n?: number): KeyArray {
    if (n !== undefined && !(Number.isInteger(n) && n >= 1)) {
      throw new InteropError('E_INVALID_ARGUMENT', 'splitKey(n) needs a positive integer', { found: n });
    }
    const keys = split(this.value, n === undefined ? 2 : n + 1);
    this.current = keys.at(0);
    if (n === undefined) return keys.at(1);
    return new KeyArray(keys.data.slice(2), [n], keys.typed);
  }

  private keyFor(o: DrawOptions | undefined): KeyLike {
    return o?.key ?? this.splitKey();
  }

  /** `randn(*dims, key=None, dtype=None)`: standard normal. */
  randn(...dims: Array<number | DrawOptions>): Tensor {
    const [shape, o] = dimsAndOptions(dims);
    return normal(this.keyFor(o), shape, { dtype: o?.dtype });
  }

  /** `rand(*dims, key=None, dtype=None)`: uniform on [0, 1). */
  rand(...dims: Array<number | DrawOptions>): Tensor {
    const [shape, o] = dimsAndOptions(dims);
    return uniform(this.keyFor(o), shape, { dtype: o?.dtype });
  }

  /** `uniform(low, high, size)`. */
  uniform(low = 0, high = 1, size: Shape | number = [], o?: DrawOptions): Tensor {
    return uniform(this.keyFor(o), size, { dtype: o?.dtype, minval: low, maxval: high });
  }

  /** `bernoulli(p, size)`: a bool tensor. */
  bernoulli(p: number, size: Shape | number = [], o?: Pick<DrawOptions, 'key'>): Tensor {
    return bernoulli(this.keyFor(o), p, size);
  }

  /**
   * BrainState's own `truncated_normal(lower, upper, size, loc, scale)`: inverse-CDF sampling
   * between `2*cdf(lower)-1` and `2*cdf(upper)-1`, which differs from `jax.random.truncated_normal`.
   */
  truncatedNormal(lower: number, upper: number, size: Shape | number = [], o: DrawOptions & { loc?: number; scale?: number } = {}): Tensor {
    const dtype = checkFloatDType(o.dtype, 'truncatedNormal');
    const r = roundFor(dtype);
    const s = checkShape(size, 'truncatedNormal');
    const [lo, hi, loc, scale] = [lower, upper, o.loc ?? 0, o.scale ?? 1].map(r) as [number, number, number, number];
    const sqrt2 = r(Math.SQRT2);
    // Note: inside brainstate's jit XLA turns `x / sqrt2` into `x * (1 / sqrt2)`.
    const cdf = (x: number) => r(r(1 + r(erfF32(r(r(r(x - loc) / scale) * r(1 / sqrt2))))) / 2);
    const a = nextAfter(r(2 * cdf(lo) - 1), Infinity, dtype);
    const b = nextAfter(r(2 * cdf(hi) - 1), -Infinity, dtype);
    const u = uniformValues(
      this.keyFor(o),
      s.reduce((a, b) => a * b, 1),
      dtype,
      a,
      b,
    );
    const floor = nextAfter(lo, Infinity, dtype);
    const ceil = nextAfter(hi, -Infinity, dtype);
    for (let i = 0; i < u.length; i++) {
      const v = r(r(r(erfInvF32(u[i]!)) * scale) * sqrt2 + loc);
      u[i] = Math.min(ceil, Math.max(floor, v));
    }
    return floatTensor(u, s, dtype);
  }
}

function dimsAndOptions(dims: Array<number | DrawOptions>): [number[], DrawOptions | undefined] {
  const last = dims[dims.length - 1];
  if (typeof last === 'object') return [dims.slice(0, -1) as number[], last];
  return [dims as number[], undefined];
}

/**
 * The process-wide default state, BrainState's `brainstate.random.DEFAULT`; unseeded until
 * `seed()` is called (then a fresh random seed on first use).
 *
 * @example
 * ```ts
 * globalRandom.seed(0);
 * globalRandom.randn(3, 4);
 * ```
 */
export const globalRandom: RandomState = new RandomState();
