import { DTYPES, Tensor, sizeOf } from '@interop/core';
import type { DTypeStorage } from '@interop/core';
import { formatError } from '../errors.js';
import type { ReadLimits } from '../limits.js';
import { copyBlock, gridIndices } from './copy-block.js';
import type { KvStore } from './kv-store.js';
import { decodeChunk, storedBound } from './zarr-chunk.js';
import type { ZarrArrayMeta } from './zarr-metadata.js';

/**
 * Reads a zarr array from a key-value store chunk by chunk into a new tensor: each chunk is read,
 * decoded and copied into place before the next is read.
 *
 * @throws {InteropError} E_FORMAT_CORRUPT for a missing chunk where the fill value is not zero,
 *   and the codes of {@link decodeChunk}; E_FORMAT_LIMIT for more chunks than `limits.maxEntries`.
 * @example
 * ```ts
 * const t = await readZarrArray(store, 'params.w', meta, DEFAULT_LIMITS);
 * ```
 */
export async function readZarrArray(store: KvStore, name: string, meta: ZarrArrayMeta, limits: ReadLimits): Promise<Tensor> {
  const info = DTYPES[meta.dtype];
  const data = new info.storage(sizeOf(meta.shape));
  const out = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const grid = meta.shape.map((s, d) => Math.ceil(s / meta.chunks[d]!));
  const count = grid.reduce((a, b) => a * b, 1);
  if (count > limits.maxEntries) {
    throw formatError('E_FORMAT_LIMIT', `${name} has more chunks than allowed`, {
      path: name,
      expected: `at most ${limits.maxEntries}`,
      found: count,
    });
  }
  const chunkBytes = meta.chunks.reduce((a, b) => a * b, info.itemSize);
  const pieces = meta.shard ? meta.chunks.reduce((a, c, d) => a * (c / meta.shard!.inner[d]!), 1) : 1;
  for (const idx of gridIndices(grid)) {
    const key = `${name}/${meta.chunkKey(idx)}`;
    const stored = await store.get(key, storedBound(chunkBytes, pieces) + 16 * pieces);
    if (stored === undefined) {
      if (meta.zeroFill) continue;
      throw formatError('E_FORMAT_CORRUPT', `The chunk ${key} is missing`, { path: key });
    }
    const chunk = decodeChunk(stored, meta, meta.chunks, info.itemSize, key);
    copyBlock(
      out,
      meta.shape,
      chunk,
      meta.chunks,
      idx.map((x, d) => x * meta.chunks[d]!),
      info.itemSize,
    );
  }
  return new Tensor(meta.dtype, meta.shape, data as DTypeStorage[typeof meta.dtype]);
}
