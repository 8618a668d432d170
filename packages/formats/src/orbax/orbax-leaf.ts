import type { DType } from '@interop/core';
import { DTYPES, sizeOf } from '@interop/core';
import { LazyArray } from '../msgpack/values.js';
import type { ZarrArrayMeta } from './zarr-metadata.js';

/**
 * An Orbax array leaf not yet loaded: a zarr array in the checkpoint's key-value store. It is a
 * {@link LazyArray} (with no file ranges: its bytes are chunks, often compressed), so
 * `listTree`, `getAtPath` and `mapLazyArrays` treat Orbax and Flax msgpack trees alike.
 * `kind` is `'npscalar'` for Orbax `scalar` leaves (Python numbers), `'ndarray'` otherwise.
 *
 * @example
 * ```ts
 * const leaf = getAtPath(ckpt.tree, 'layers/0/kernel/value');
 * if (leaf instanceof OrbaxArray) console.log(leaf.name, leaf.dtype, leaf.shape);
 * ```
 */
export class OrbaxArray extends LazyArray {
  constructor(
    dtype: DType,
    shape: readonly number[],
    kind: 'ndarray' | 'npscalar',
    path: string,
    /** The param name: the zarr array's key prefix in the store (`layers.0.kernel.value`). */
    readonly name: string,
    /** The parsed zarr metadata. */
    readonly meta: ZarrArrayMeta,
  ) {
    super(dtype, shape, [], kind, path);
  }

  /** Decoded element bytes. */
  override get byteLength(): number {
    return sizeOf(this.shape) * DTYPES[this.dtype].itemSize;
  }
}
