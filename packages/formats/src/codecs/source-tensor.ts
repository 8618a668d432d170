import { Tensor } from '@interop/core';
import type { DType, FileSource, TensorSource } from '@interop/core';
import { concatRanges } from '../io/range-source.js';
import type { ByteRange } from '../msgpack/values.js';

const COPY_BYTES = 1 << 22;

/** Fills `target` from `source` at `offset`: directly through `readInto`, else through `read` views. */
function fill(source: FileSource, offset: number, target: Uint8Array): void {
  if (source.readInto) {
    source.readInto(offset, target);
    return;
  }
  for (let at = 0; at < target.length; at += COPY_BYTES) {
    const n = Math.min(COPY_BYTES, target.length - at);
    target.set(source.read(offset + at, n), at);
  }
}

/**
 * A {@link TensorSource} over byte ranges of a {@link FileSource}: the element bytes are the
 * ranges one after another (as Flax's chunked arrays store them), read only when needed.
 */
export function rangeSource(source: FileSource, ranges: readonly ByteRange[], description: string): TensorSource {
  return concatRanges(ranges, description, (position, target) => fill(source, position, target));
}

/** A lazy tensor whose C-order bytes are `ranges` of `source`. */
export function lazyTensor(
  dtype: DType,
  shape: readonly number[],
  source: FileSource,
  ranges: readonly ByteRange[],
  description: string,
): Tensor {
  return Tensor.fromSource(dtype, shape, rangeSource(source, ranges, description));
}
