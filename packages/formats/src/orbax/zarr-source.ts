import { DTYPES } from '@interop/core';
import type { TensorSource } from '@interop/core';
import { formatError } from '../errors.js';
import type { ReadLimits } from '../limits.js';
import type { ChunkCache } from './chunk-cache.js';
import { gridIndices } from './copy-block.js';
import { readShardIndex } from './shard-index.js';
import type { InnerRange } from './shard-index.js';
import type { StoredValue, SyncValues } from './sync-values.js';
import { storedBound } from './zarr-chunk.js';
import type { ZarrArrayMeta } from './zarr-metadata.js';
import { decompressZstd } from './zstd.js';
import { ZstdCursor } from './zstd-cursor.js';

/** What the sources of one checkpoint share. */
export interface ZarrSourceContext {
  /** The item's values. */
  values: SyncValues;
  /** Decoded chunks kept between reads (shared by every array of the checkpoint). */
  cache: ChunkCache;
  /** Resolved read limits. */
  limits: ReadLimits;
}

const ZERO = new Uint8Array(0);
const product = (a: readonly number[], start = 1): number => a.reduce((x, y) => x * y, start);
const strides = (shape: readonly number[], item: number): number[] => {
  const out = new Array<number>(shape.length);
  let s = item;
  for (let d = shape.length - 1; d >= 0; d--) {
    out[d] = s;
    s *= shape[d]!;
  }
  return out;
};

/**
 * A {@link TensorSource} over a zarr array of an Orbax checkpoint, read chunk by chunk: a read of
 * a byte range visits only the chunks (for v3 shards: the inner chunks, located through the shard
 * index) it overlaps, and copies their rows into place. Decoded chunks up to the cache's bound are
 * kept there; a larger one is never decoded whole: raw chunks are read in place, zstd ones through
 * a {@link ZstdCursor} that moves forward with the reads.
 *
 * @throws {InteropError} E_FORMAT_LIMIT for more chunks than `limits.maxEntries`.
 * @example
 * ```ts
 * const t = Tensor.fromSource(meta.dtype, meta.shape, zarrSource('params.w', meta, ctx, 'params/w'));
 * ```
 */
export function zarrSource(name: string, meta: ZarrArrayMeta, ctx: ZarrSourceContext, description: string): TensorSource {
  const item = DTYPES[meta.dtype].itemSize;
  const shape = meta.shape;
  const rank = shape.length;
  const unit = meta.shard ? meta.shard.inner : meta.chunks;
  const grid = shape.map((s, d) => Math.ceil(s / unit[d]!));
  const count = product(grid);
  if (count > ctx.limits.maxEntries) {
    throw formatError('E_FORMAT_LIMIT', `${name} has more chunks than allowed`, {
      path: name,
      expected: `at most ${ctx.limits.maxEntries}`,
      found: count,
    });
  }
  const unitBytes = product(unit, item);
  const compression = meta.shard ? meta.shard.compression : meta.compression;
  const stride = strides(shape, item);
  const unitStride = strides(unit, item);
  // Axes after k are whole in every chunk, so a run over axes k.. is contiguous on both sides.
  let k = rank - 1;
  while (k > 0 && unit[k] === shape[k]) k--;
  const perShard = meta.shard ? meta.chunks.map((c, d) => c / unit[d]!) : [];
  let lastShard: { key: string; ranges: InnerRange[] } | undefined;
  let cursor: { key: string; cursor: ZstdCursor } | undefined;
  let innerAbsent = false;

  /** Runs `fn` on the stored bytes of one chunk; `undefined` when it is absent (fill value). */
  const stored = <T>(idx: readonly number[], fn: (v: StoredValue, key: string) => T): T | undefined => {
    innerAbsent = false;
    if (!meta.shard) {
      const key = `${name}/${meta.chunkKey(idx)}`;
      return ctx.values.use(key, (v) => fn(v, key));
    }
    const key = `${name}/${meta.chunkKey(idx.map((x, d) => Math.floor(x / perShard[d]!)))}`;
    let inner = 0;
    for (let d = 0; d < rank; d++) inner = inner * perShard[d]! + (idx[d]! % perShard[d]!);
    return ctx.values.use(key, (v) => {
      if (lastShard?.key !== key) lastShard = { key, ranges: readShardIndex(v, meta, product(perShard), key) };
      const r = lastShard.ranges[inner];
      if (!r) {
        innerAbsent = true;
        return undefined;
      }
      return fn({ length: r.length, read: (offset, target) => v.read(r.offset + offset, target) }, `${key}#${inner}`);
    });
  };

  const checkStored = (v: StoredValue, key: string): void => {
    if (compression === 'none' ? v.length !== unitBytes : v.length > storedBound(unitBytes) + 16) {
      throw formatError(
        compression === 'none' ? 'E_FORMAT_CORRUPT' : 'E_FORMAT_LIMIT',
        `The chunk ${key} holds the wrong number of bytes`,
        {
          path: key,
          expected: compression === 'none' ? unitBytes : `at most ${storedBound(unitBytes) + 16}`,
          found: v.length,
        },
      );
    }
  };

  const missing = (idx: readonly number[]): Uint8Array => {
    if (meta.zeroFill || innerAbsent) return ZERO;
    const key = `${name}/${meta.chunkKey(idx)}`;
    throw formatError('E_FORMAT_CORRUPT', `The chunk ${key} is missing`, { path: key });
  };

  /** Copies bytes `[at, at + target.length)` of one decoded chunk into `target`. */
  const readUnit = (idx: readonly number[], at: number, target: Uint8Array): void => {
    const cacheKey = `${name}/${idx.join(',')}`;
    let whole = ctx.cache.get(cacheKey);
    if (!whole && unitBytes <= ctx.cache.maxBytes) {
      whole =
        stored(idx, (v, key) => {
          checkStored(v, key);
          const bytes = new Uint8Array(v.length);
          v.read(0, bytes);
          return compression === 'zstd' ? decompressZstd(bytes, { exact: unitBytes, max: unitBytes }, key) : bytes;
        }) ?? missing(idx);
      if (whole.length > 0) ctx.cache.put(cacheKey, whole);
    }
    if (whole) {
      if (whole.length === 0) target.fill(0);
      else target.set(whole.subarray(at, at + target.length));
      return;
    }
    const found = stored(idx, (v, key) => {
      checkStored(v, key);
      if (compression === 'none') v.read(at, target);
      else {
        if (cursor?.key !== key) cursor = { key, cursor: new ZstdCursor(unitBytes, key) };
        cursor.cursor.read(v, at, target);
      }
      return true;
    });
    if (!found && missing(idx).length === 0) target.fill(0);
  };

  const byteLength = product(shape, item);
  return {
    byteLength,
    description,
    read(offset, target) {
      const end = offset + target.length;
      if (rank === 0) {
        readUnit([], offset, target);
        return;
      }
      const first = Math.floor(offset / stride[0]! / unit[0]!);
      const last = Math.floor((end - 1) / stride[0]! / unit[0]!);
      for (let u0 = first; u0 <= last; u0++) {
        for (const rest of gridIndices(grid.slice(1))) {
          const idx = [u0, ...rest];
          const origin = idx.map((x, d) => x * unit[d]!);
          const extent = unit.map((c, d) => Math.min(c, shape[d]! - origin[d]!));
          const rowBytes = extent[k]! * stride[k]!;
          const lead = extent.slice(0, k);
          const lo0 = Math.max(0, Math.floor(offset / stride[0]!) - origin[0]!);
          const hi0 = Math.min(extent[0]!, Math.ceil(end / stride[0]!) - origin[0]!);
          for (const li of gridIndices(k === 0 ? [] : [hi0 - lo0, ...lead.slice(1)])) {
            if (k > 0) li[0]! += lo0;
            let dst = origin[k]! * stride[k]!;
            let src = 0;
            for (let d = 0; d < k; d++) {
              dst += (origin[d]! + li[d]!) * stride[d]!;
              src += li[d]! * unitStride[d]!;
            }
            const a = Math.max(dst, offset);
            const b = Math.min(dst + rowBytes, end);
            if (a < b) readUnit(idx, src + a - dst, target.subarray(a - offset, b - offset));
          }
        }
      }
    },
  };
}
