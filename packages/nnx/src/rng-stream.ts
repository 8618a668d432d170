import { InteropError } from '@interop/core';
import { key as makeKey, toKeyArray } from '../key.js';
import type { KeyArray, KeyLike } from '../key.js';
import { foldIn, split } from '../split.js';

/**
 * One named stream of `nnx.Rngs`: a base key and a uint32 counter. Each call returns
 * `foldIn(baseKey, count)` and then increments the counter (flax.nnx `RngStream.__call__`).
 *
 * @example
 * ```ts
 * const s = new RngStream(0, 'params');
 * s.next(); // foldIn(key(0), 0)
 * s.next(); // foldIn(key(0), 1)
 * ```
 */
export class RngStream {
  /** The stream's base key (never changes). */
  readonly key: KeyArray;
  /** The stream's name (`params`, `dropout`, `default`, ...). */
  readonly tag: string;
  /** How many keys were drawn so far. */
  count = 0;

  constructor(seed: number | KeyLike, tag: string) {
    this.key = typeof seed === 'number' ? makeKey(seed) : toKeyArray(seed);
    this.tag = tag;
  }

  /** The next key: `foldIn(key, count++)`. */
  next(): KeyArray {
    const k = foldIn(this.key, this.count);
    this.count = (this.count + 1) >>> 0;
    return k;
  }

  /** A new stream of the same tag whose base key is `split(next(), num)` (`RngStream.split`). */
  split(num: number | number[]): RngStream {
    return new RngStream(split(this.next(), num), this.tag);
  }

  /** A new stream of the same tag whose base key is `next()` (`RngStream.fork`). */
  fork(): RngStream {
    return new RngStream(this.next(), this.tag);
  }
}

/**
 * Framework-neutral `nnx.Rngs`: named {@link RngStream}s; an unknown name falls back to the
 * `default` stream, as in flax. `nnx.Rngs(0)` is `createRngs(0)`; `nnx.Rngs(0, dropout=1)` is
 * `createRngs({ default: 0, dropout: 1 })`.
 *
 * @example
 * ```ts
 * const rngs = createRngs(0);
 * const kernelKey = rngs.params(); // what nnx.Linear(4, 8, rngs=nnx.Rngs(0)) uses
 * ```
 */
export class Rngs {
  /** The streams by name. */
  readonly streams: ReadonlyMap<string, RngStream>;

  constructor(seeds: Record<string, number | KeyLike>) {
    this.streams = new Map(Object.entries(seeds).map(([tag, s]) => [tag, new RngStream(s, tag)]));
  }

  /**
   * The stream `name`, or `default` when there is none.
   *
   * @throws {InteropError} E_INVALID_ARGUMENT when neither exists.
   */
  stream(name: string): RngStream {
    const s = this.streams.get(name) ?? this.streams.get('default');
    if (!s) {
      throw new InteropError('E_INVALID_ARGUMENT', `No RngStream named '${name}' found in Rngs`, {
        found: [...this.streams.keys()],
        fix: "Create the Rngs with that stream or with a 'default' one.",
      });
    }
    return s;
  }

  /** Next key of stream `name` (falls back to `default`). */
  next(name = 'default'): KeyArray {
    return this.stream(name).next();
  }

  /** Next key of the `params` stream (layers draw kernels and biases from it). */
  params(): KeyArray {
    return this.next('params');
  }

  /** Next key of the `dropout` stream. */
  dropout(): KeyArray {
    return this.next('dropout');
  }

  /** Next key of the `default` stream (`rngs()` in flax). */
  default(): KeyArray {
    return this.next('default');
  }
}

/**
 * Builds {@link Rngs} from a seed or key for the `default` stream, or from a record of streams.
 *
 * @example
 * ```ts
 * createRngs(0).params();
 * createRngs({ params: 0, dropout: 1 }).dropout();
 * ```
 */
export function createRngs(seeds: number | KeyLike | Record<string, number | KeyLike>): Rngs {
  const isRecord = typeof seeds === 'object' && !Array.isArray(seeds) && !ArrayBuffer.isView(seeds) && !('typed' in seeds);
  return new Rngs(isRecord ? (seeds as Record<string, number | KeyLike>) : { default: seeds as number | KeyLike });
}
