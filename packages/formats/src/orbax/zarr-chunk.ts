import { formatError } from '../errors.js';
import { U64_MAX } from './byte-cursor.js';
import { copyBlock, gridIndices } from './copy-block.js';
import { crc32c } from './crc32c.js';
import type { ChunkCodec } from './zarr-metadata.js';
import { decompressZstd } from './zstd.js';

/** The most stored bytes a chunk of `raw` decoded bytes may take (zstd's own worst case, plus room). */
export function storedBound(raw: number, pieces = 1): number {
  return raw + Math.ceil(raw / 128) + 64 * pieces + 1024;
}

function decodePiece(stored: Uint8Array, compression: 'zstd' | 'none', bytes: number, key: string): Uint8Array {
  if (compression === 'zstd') return decompressZstd(stored, { exact: bytes, max: bytes }, key);
  if (stored.length !== bytes) {
    throw formatError('E_FORMAT_CORRUPT', `The chunk ${key} holds the wrong number of bytes`, {
      path: key,
      expected: bytes,
      found: stored.length,
    });
  }
  return stored;
}

function decodeShard(stored: Uint8Array, codec: ChunkCodec, shape: readonly number[], itemSize: number, key: string): Uint8Array {
  const shard = codec.shard!;
  const grid = shape.map((s, d) => s / shard.inner[d]!);
  const count = grid.reduce((a, b) => a * b, 1);
  const indexBytes = 16 * count + (shard.indexCrc ? 4 : 0);
  if (stored.length < indexBytes) {
    throw formatError('E_FORMAT_TRUNCATED', `The shard ${key} is shorter than its index`, {
      path: key,
      expected: indexBytes,
      found: stored.length,
    });
  }
  const at = shard.indexAtEnd ? stored.length - indexBytes : 0;
  const index = stored.subarray(at, at + indexBytes);
  if (shard.indexCrc) {
    const want = new DataView(index.buffer, index.byteOffset + 16 * count, 4).getUint32(0, true);
    if (crc32c(index.subarray(0, 16 * count)) !== want) {
      throw formatError('E_FORMAT_CORRUPT', `The shard index of ${key} fails its CRC-32C check`, { path: key });
    }
  }
  const view = new DataView(index.buffer, index.byteOffset, 16 * count);
  const [lo, hi] = shard.indexAtEnd ? [0, at] : [indexBytes, stored.length];
  const innerBytes = shard.inner.reduce((a, b) => a * b, itemSize);
  const out = new Uint8Array(shape.reduce((a, b) => a * b, itemSize));
  let i = 0;
  for (const idx of gridIndices(grid)) {
    const offset = view.getBigUint64(16 * i, true);
    const nbytes = view.getBigUint64(16 * i + 8, true);
    i++;
    if (offset === U64_MAX && nbytes === U64_MAX) continue;
    if (offset < BigInt(lo) || offset + nbytes > BigInt(hi)) {
      throw formatError('E_FORMAT_CORRUPT', `The shard index of ${key} points outside the shard`, {
        path: key,
        found: `${offset}+${nbytes}`,
      });
    }
    const piece = stored.subarray(Number(offset), Number(offset + nbytes));
    const inner = decodePiece(piece, shard.compression, innerBytes, key);
    copyBlock(
      out,
      shape,
      inner,
      shard.inner,
      idx.map((x, d) => x * shard.inner[d]!),
      itemSize,
    );
  }
  return out;
}

/**
 * Decodes one stored zarr chunk (raw, zstd, or a v3 shard) into its C-order element bytes. The
 * decoded size is fixed by the metadata, so a chunk can never expand past it.
 *
 * @throws {InteropError} E_FORMAT_CORRUPT for a wrong size, bad zstd data or a bad shard index;
 *   E_FORMAT_LIMIT for data that decodes past the chunk size.
 * @example
 * ```ts
 * const bytes = decodeChunk(stored, meta, meta.chunks, 4, 'params.w/0.0');
 * ```
 */
export function decodeChunk(stored: Uint8Array, codec: ChunkCodec, shape: readonly number[], itemSize: number, key: string): Uint8Array {
  if (codec.shard) return decodeShard(stored, codec, shape, itemSize, key);
  return decodePiece(
    stored,
    codec.compression,
    shape.reduce((a, b) => a * b, itemSize),
    key,
  );
}
