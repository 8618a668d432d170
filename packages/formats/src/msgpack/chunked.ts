import type { DType, Tensor } from '@interop/core';
import { formatError } from '../errors.js';
import { DEFAULT_LIMITS } from '../limits.js';
import { byteSizeOf } from '../tensor-bytes.js';
import { LazyArray } from './values.js';
import type { ByteRange, MsgpackMap } from './values.js';

/** Flax's `MAX_CHUNK_SIZE`: arrays with more bytes are split into chunks. */
export const FLAX_MAX_CHUNK_BYTES = 2 ** 30;

/**
 * Turns a `{"__msgpack_chunked_array__": true, "shape": {...}, "chunks": {...}}` map, as Flax
 * writes arrays over 2^30 bytes, into one {@link LazyArray} spanning all chunks.
 *
 * @throws {InteropError} E_FORMAT_CORRUPT when the map does not have that structure.
 * @example
 * ```ts
 * const leaf = foldChunkedArray(map, 'params/embedding', 120);
 * ```
 */
export function foldChunkedArray(map: MsgpackMap, path: string, offset: number): LazyArray {
  const bad = (what: string): never => {
    throw formatError('E_FORMAT_CORRUPT', `Invalid chunked array: ${what}`, { path, offset });
  };
  const shapeMap = map.get('shape');
  const chunkMap = map.get('chunks');
  if (map.size !== 3 || map.get('__msgpack_chunked_array__') !== true) bad('expected the marker, shape and chunks');
  if (!(shapeMap instanceof Map) || !(chunkMap instanceof Map) || chunkMap.size === 0) return bad('shape and chunks must be maps');
  const shape: number[] = [];
  for (let i = 0; i < shapeMap.size; i++) {
    const d = shapeMap.get(String(i));
    if (typeof d !== 'bigint' || d < 0n || d > BigInt(Number.MAX_SAFE_INTEGER)) bad(`shape entry ${i}`);
    shape.push(Number(d));
  }
  const ranges: ByteRange[] = [];
  let dtype: DType | undefined;
  for (let i = 0; i < chunkMap.size; i++) {
    const c = chunkMap.get(String(i));
    if (!(c instanceof LazyArray) || c.shape.length !== 1 || (dtype !== undefined && c.dtype !== dtype)) {
      bad(`chunk ${i} must be a 1-D array of one dtype`);
    }
    const chunk = c as LazyArray;
    dtype = chunk.dtype;
    ranges.push(...chunk.ranges);
  }
  const arr = new LazyArray(dtype!, shape, ranges, 'ndarray', path);
  if (arr.byteLength !== byteSizeOf(shape, dtype!, DEFAULT_LIMITS, path, offset)) bad('chunk sizes do not add up to the shape');
  return arr;
}

/**
 * The element ranges `[start, end)` Flax cuts a flattened array into:
 * `max(1, floor(maxChunkBytes / itemsize))` elements each, the last one shorter.
 *
 * @example
 * ```ts
 * chunkBounds(5, 4, 8); // [[0, 2], [2, 4], [4, 5]]
 * ```
 */
export function chunkBounds(elements: number, itemSize: number, maxChunkBytes: number): Array<[number, number]> {
  const per = Math.max(1, Math.floor(maxChunkBytes / itemSize));
  const out: Array<[number, number]> = [];
  for (let i = 0; i < elements; i += per) out.push([i, Math.min(elements, i + per)]);
  return out;
}

/**
 * True when Flax would chunk this array (more than `maxChunkBytes` bytes).
 *
 * @example
 * ```ts
 * needsChunking(Tensor.zeros([4], 'float32'), 8); // true
 * ```
 */
export function needsChunking(a: Tensor | LazyArray, maxChunkBytes: number): boolean {
  const bytes = a instanceof LazyArray ? a.byteLength : a.byteLength;
  return bytes > maxChunkBytes;
}
