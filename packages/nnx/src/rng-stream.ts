import { foldIn, key as makeKey, split, toKeyArray } from '@interop/runtime';
import type { KeyArray, KeyLike } from '@interop/runtime';

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
