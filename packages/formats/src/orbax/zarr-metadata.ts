import type { DType } from '@interop/core';
import { formatError } from '../errors.js';
import type { ReadLimits } from '../limits.js';
import { byteSizeOf } from '../tensor-bytes.js';
import { dtypeOfZarr } from './zarr-dtype.js';

/** How the bytes of one stored chunk are encoded. */
export interface ChunkCodec {
  /** `'zstd'` (one or more zstd frames) or `'none'` (raw little-endian bytes). */
  compression: 'zstd' | 'none';
  /** zarr v3 `sharding_indexed`: the stored chunk is a shard of inner chunks plus an index. */
  shard?: { inner: number[]; compression: 'zstd' | 'none'; indexAtEnd: boolean; indexCrc: boolean };
}

/** What a reader needs from `.zarray` (v2) or `zarr.json` (v3). */
export interface ZarrArrayMeta extends ChunkCodec {
  /** 2 or 3. */
  version: 2 | 3;
  /** Element type. */
  dtype: DType;
  /** Array shape. */
  shape: number[];
  /** Chunk grid shape (equal to the shard shape with sharding). */
  chunks: number[];
  /** The store key suffix of the chunk at a grid index (`0.0`, `c/0/0`, `0`, `c`). */
  chunkKey(index: readonly number[]): string;
  /** True when a missing chunk means zeros (fill value 0, null or false). */
  zeroFill: boolean;
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function bad(path: string, why: string, found?: unknown): never {
  throw formatError('E_FORMAT_CORRUPT', `Invalid zarr metadata for ${path}: ${why}`, { path, found: JSON.stringify(found)?.slice(0, 200) });
}

function dims(v: unknown, path: string, what: string, rank?: number): number[] {
  if (
    !Array.isArray(v) ||
    v.some((d) => typeof d !== 'number' || !Number.isSafeInteger(d) || d < 0) ||
    (rank !== undefined && v.length !== rank)
  ) {
    bad(path, `${what} is not a list of ${rank ?? ''} non-negative integers`, v);
  }
  if (v.length > 64) throw formatError('E_FORMAT_LIMIT', `${path} has more than 64 dimensions`, { path, found: v.length });
  return v as number[];
}

function positive(v: number[], path: string, what: string): number[] {
  if (v.some((d) => d === 0)) bad(path, `${what} has a zero dimension`, v);
  return v;
}

function parseV2(j: Json, path: string): ZarrArrayMeta {
  const shape = dims(j['shape'], path, 'shape');
  const chunks = positive(dims(j['chunks'], path, 'chunks', shape.length), path, 'chunks');
  if (j['order'] !== undefined && j['order'] !== 'C') bad(path, 'only C order is supported', j['order']);
  if (j['filters'] !== null && j['filters'] !== undefined && !(Array.isArray(j['filters']) && j['filters'].length === 0))
    bad(path, 'filters are not supported', j['filters']);
  const c = j['compressor'];
  let compression: 'zstd' | 'none';
  if (c === null || c === undefined) compression = 'none';
  else if (isObj(c) && c['id'] === 'zstd') compression = 'zstd';
  else bad(path, 'unsupported compressor (zstd or none are read)', c);
  const sep = j['dimension_separator'] ?? '.';
  if (sep !== '.' && sep !== '/') bad(path, 'unknown dimension_separator', sep);
  return {
    version: 2,
    dtype: dtypeOfZarr(j['dtype'], 2, path),
    shape,
    chunks,
    compression,
    chunkKey: (index) => (index.length === 0 ? '0' : index.join(sep as string)),
    zeroFill: j['fill_value'] === null || j['fill_value'] === 0 || j['fill_value'] === false || j['fill_value'] === undefined,
  };
}

function codecChain(v: unknown, path: string): { compression: 'zstd' | 'none'; sharding?: Json } {
  if (!Array.isArray(v) || v.length === 0) bad(path, 'codecs is not a list', v);
  const names = (v as unknown[]).map((c) => (isObj(c) ? c['name'] : undefined));
  if (names.length === 1 && names[0] === 'sharding_indexed') return { compression: 'none', sharding: (v as Json[])[0]! };
  if (names[0] !== 'bytes') bad(path, 'the first codec must be "bytes" (transpose is not supported)', names);
  const cfg = (v as Json[])[0]!['configuration'];
  if (isObj(cfg) && cfg['endian'] !== undefined && cfg['endian'] !== 'little') bad(path, 'only little-endian bytes are read', cfg);
  if (names.length === 1) return { compression: 'none' };
  if (names.length === 2 && names[1] === 'zstd') return { compression: 'zstd' };
  return bad(path, 'unsupported codecs (bytes, then optional zstd, or sharding_indexed)', names);
}

function parseV3(j: Json, path: string): ZarrArrayMeta {
  if (j['node_type'] !== undefined && j['node_type'] !== 'array') bad(path, 'not an array node', j['node_type']);
  const shape = dims(j['shape'], path, 'shape');
  const grid = j['chunk_grid'];
  if (!isObj(grid) || grid['name'] !== 'regular' || !isObj(grid['configuration'])) bad(path, 'only regular chunk grids are read', grid);
  const chunks = positive(dims((grid['configuration'] as Json)['chunk_shape'], path, 'chunk_shape', shape.length), path, 'chunk_shape');
  const enc = j['chunk_key_encoding'];
  const encName = isObj(enc) ? enc['name'] : 'default';
  const encSep = isObj(enc) && isObj(enc['configuration']) ? enc['configuration']['separator'] : undefined;
  let chunkKey: (index: readonly number[]) => string;
  if (encName === 'default') {
    const sep = encSep ?? '/';
    if (sep !== '/' && sep !== '.') bad(path, 'unknown separator', sep);
    chunkKey = (index) => ['c', ...index].join(sep as string);
  } else if (encName === 'v2') {
    const sep = encSep ?? '.';
    if (sep !== '/' && sep !== '.') bad(path, 'unknown separator', sep);
    chunkKey = (index) => (index.length === 0 ? '0' : index.join(sep as string));
  } else return bad(path, 'unknown chunk_key_encoding', enc);
  const chain = codecChain(j['codecs'], path);
  const meta: ZarrArrayMeta = {
    version: 3,
    dtype: dtypeOfZarr(j['data_type'], 3, path),
    shape,
    chunks,
    compression: chain.compression,
    chunkKey,
    zeroFill: j['fill_value'] === 0 || j['fill_value'] === false || j['fill_value'] === null || j['fill_value'] === undefined,
  };
  if (chain.sharding) {
    const cfg = chain.sharding['configuration'];
    if (!isObj(cfg)) return bad(path, 'sharding_indexed has no configuration', chain.sharding);
    const inner = positive(dims(cfg['chunk_shape'], path, 'inner chunk_shape', shape.length), path, 'inner chunk_shape');
    if (inner.some((d, i) => chunks[i]! % d !== 0)) bad(path, 'the inner chunk shape does not divide the shard shape', inner);
    const innerChain = codecChain(cfg['codecs'], path);
    if (innerChain.sharding) bad(path, 'nested sharding is not supported');
    const ix = cfg['index_codecs'];
    const ixNames = Array.isArray(ix) ? ix.map((c) => (isObj(c) ? c['name'] : undefined)) : [];
    if (ixNames[0] !== 'bytes' || ixNames.length > 2 || (ixNames.length === 2 && ixNames[1] !== 'crc32c'))
      bad(path, 'unsupported index_codecs', ix);
    const at = cfg['index_location'] ?? 'end';
    if (at !== 'end' && at !== 'start') bad(path, 'unknown index_location', at);
    meta.shard = { inner, compression: innerChain.compression, indexAtEnd: at === 'end', indexCrc: ixNames.length === 2 };
  }
  return meta;
}

/**
 * Parses an array's zarr metadata (`.zarray` for v2, `zarr.json` for v3) as tensorstore writes
 * it for Orbax, and checks its size against the limits.
 *
 * @throws {InteropError} E_FORMAT_CORRUPT for invalid JSON or unsupported codecs, order or grids;
 *   E_FORMAT_DTYPE for dtypes tensors cannot hold; E_FORMAT_LIMIT for arrays over the limit.
 * @example
 * ```ts
 * const meta = parseZarrMetadata(bytes, 2, 'params.w', DEFAULT_LIMITS);
 * meta.chunkKey([0, 1]); // '0.1'
 * ```
 */
export function parseZarrMetadata(bytes: Uint8Array, version: 2 | 3, path: string, limits: ReadLimits): ZarrArrayMeta {
  let j: unknown;
  try {
    j = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (e) {
    throw formatError('E_FORMAT_CORRUPT', `Invalid zarr metadata for ${path}: not JSON`, { path, cause: e });
  }
  if (!isObj(j)) return bad(path, 'not a JSON object', j);
  if (j['zarr_format'] !== version) bad(path, `zarr_format is not ${version}`, j['zarr_format']);
  const meta = version === 2 ? parseV2(j, path) : parseV3(j, path);
  byteSizeOf(meta.shape, meta.dtype, limits, path, 0);
  byteSizeOf(meta.chunks, meta.dtype, limits, path, 0);
  return meta;
}
