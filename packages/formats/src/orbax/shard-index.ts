import { formatError } from '../errors.js';
import { U64_MAX } from './byte-cursor.js';
import { crc32c } from './crc32c.js';
import type { StoredValue } from './sync-values.js';
import type { ChunkCodec } from './zarr-metadata.js';

/** Where one inner chunk lies in its shard, or `undefined` when it is absent (fill value). */
export type InnerRange = { offset: number; length: number } | undefined;

/**
 * Reads the index of a zarr v3 `sharding_indexed` shard (only the index bytes, at its end or
 * start), checks its CRC-32C, and gives each inner chunk's range, checked to lie in the shard's
 * data part.
 *
 * @throws {InteropError} E_FORMAT_TRUNCATED for a shard shorter than its index; E_FORMAT_CORRUPT
 *   for a bad CRC or a range outside the shard.
 * @example
 * ```ts
 * const ranges = readShardIndex(value, meta, 1, 'w/c/0');
 * ```
 */
export function readShardIndex(value: StoredValue, codec: ChunkCodec, count: number, key: string): InnerRange[] {
  const shard = codec.shard!;
  const indexBytes = 16 * count + (shard.indexCrc ? 4 : 0);
  if (value.length < indexBytes) {
    throw formatError('E_FORMAT_TRUNCATED', `The shard ${key} is shorter than its index`, {
      path: key,
      expected: indexBytes,
      found: value.length,
    });
  }
  const at = shard.indexAtEnd ? value.length - indexBytes : 0;
  const index = new Uint8Array(indexBytes);
  value.read(at, index);
  const view = new DataView(index.buffer);
  if (shard.indexCrc && crc32c(index.subarray(0, 16 * count)) !== view.getUint32(16 * count, true)) {
    throw formatError('E_FORMAT_CORRUPT', `The shard index of ${key} fails its CRC-32C check`, { path: key });
  }
  const [lo, hi] = shard.indexAtEnd ? [0, at] : [indexBytes, value.length];
  const out: InnerRange[] = [];
  for (let i = 0; i < count; i++) {
    const offset = view.getBigUint64(16 * i, true);
    const nbytes = view.getBigUint64(16 * i + 8, true);
    if (offset === U64_MAX && nbytes === U64_MAX) {
      out.push(undefined);
      continue;
    }
    if (offset < BigInt(lo) || offset + nbytes > BigInt(hi)) {
      throw formatError('E_FORMAT_CORRUPT', `The shard index of ${key} points outside the shard`, {
        path: key,
        found: `${offset}+${nbytes}`,
      });
    }
    out.push({ offset: Number(offset), length: Number(nbytes) });
  }
  return out;
}
