import { DTYPES, Tensor } from '@interop/core';
import type { DType } from '@interop/core';
import { formatError } from '../errors.js';
import { tensorBytes } from '../tensor-bytes.js';
import { FLAX_MAX_CHUNK_BYTES, chunkBounds, needsChunking } from './chunked.js';
import { MsgpackBuilder } from './encoder.js';
import { ComplexValue, ExtValue, LazyArray, NumpyScalar } from './values.js';
import type { MsgpackInput } from './values.js';

/** A stretch of a lazy array's element bytes, copied from its source when the output is written. */
export interface LazySlice {
  /** The array. */
  array: LazyArray;
  /** First byte within the array's element data. */
  start: number;
  /** Number of bytes. */
  byteLength: number;
}

/** A stretch of a lazy tensor's element bytes, computed (pending layout steps applied) when written. */
export interface TensorSlice {
  /** The tensor. */
  tensor: Tensor;
  /** First byte within the tensor's C-order element data. */
  start: number;
  /** Number of bytes. */
  byteLength: number;
}

/** The output as a sequence of bytes to write and lazy slices to copy. */
export type EncodedPart = Uint8Array | LazySlice | TensorSlice;

/** Options of the Flax msgpack writers. */
export interface EncodeFlaxOptions {
  /** Arrays with more bytes are chunked as Flax does. @default 2 ** 30 */
  maxChunkBytes?: number;
}

interface Leaf {
  dtype: DType;
  shape: readonly number[];
  bytes: Uint8Array | LazyArray | Tensor;
  kind: 1 | 3;
}

function leafBytes(t: Tensor): Uint8Array | Tensor {
  return t.isLazy ? t : tensorBytes(t);
}

function isPlainObject(v: unknown): v is Record<string, MsgpackInput> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Encodes a tree as Flax msgpack, as a list of parts so that array data is never copied.
 *
 * @throws {InteropError} E_INVALID_ARGUMENT for values msgpack cannot hold;
 *   E_FORMAT_DUPLICATE_KEY when two keys are equal once stringified (`1` and `'1'`).
 * @example
 * ```ts
 * const parts = encodeFlaxParts(new Map([['w', tensor]]));
 * ```
 */
export function encodeFlaxParts(tree: MsgpackInput, options: EncodeFlaxOptions = {}): EncodedPart[] {
  const maxChunk = options.maxChunkBytes ?? FLAX_MAX_CHUNK_BYTES;
  const b = new MsgpackBuilder();
  const parts: EncodedPart[] = [];
  const flush = (): void => {
    if (b.length > 0) parts.push(b.take());
  };
  const leaf = (l: Leaf, start: number, byteLength: number, shape: readonly number[]): void => {
    const head = new MsgpackBuilder();
    head.byte(0x93);
    head.arrayHeader(shape.length);
    for (const d of shape) head.int(BigInt(d));
    head.str(l.dtype);
    head.binHeader(byteLength);
    const prefix = head.take();
    b.extHeader(l.kind, prefix.length + byteLength);
    b.raw(prefix);
    flush();
    if (byteLength === 0) return;
    if (l.bytes instanceof Uint8Array) parts.push(l.bytes.subarray(start, start + byteLength));
    else if (l.bytes instanceof Tensor) parts.push({ tensor: l.bytes, start, byteLength });
    else parts.push({ array: l.bytes, start, byteLength });
  };
  const array = (l: Leaf, inMap: boolean): void => {
    const total = l.bytes instanceof Uint8Array ? l.bytes.length : l.bytes.byteLength;
    if (!inMap || l.kind !== 1 || total <= maxChunk) {
      leaf(l, 0, total, l.shape);
      return;
    }
    const item = DTYPES[l.dtype].itemSize;
    const bounds = chunkBounds(total / item, item, maxChunk);
    b.mapHeader(3);
    b.str('__msgpack_chunked_array__');
    b.byte(0xc3);
    b.str('shape');
    b.mapHeader(l.shape.length);
    l.shape.forEach((d, i) => {
      b.str(String(i));
      b.int(BigInt(d));
    });
    b.str('chunks');
    b.mapHeader(bounds.length);
    bounds.forEach(([s, e], i) => {
      b.str(String(i));
      leaf(l, s * item, (e - s) * item, [e - s]);
    });
  };
  const value = (v: MsgpackInput, inMap: boolean, depth: number): void => {
    if (depth > 512) throw formatError('E_FORMAT_DEPTH', 'The tree to write nests deeper than 512 levels');
    if (v === null) b.byte(0xc0);
    else if (typeof v === 'boolean') b.byte(v ? 0xc3 : 0xc2);
    else if (typeof v === 'number') b.float64(v);
    else if (typeof v === 'bigint') b.int(v);
    else if (typeof v === 'string') b.str(v);
    else if (v instanceof Uint8Array) {
      b.binHeader(v.length);
      b.raw(v);
    } else if (v instanceof Tensor) array({ dtype: v.dtype, shape: v.shape, bytes: leafBytes(v), kind: 1 }, inMap);
    else if (v instanceof LazyArray) array({ dtype: v.dtype, shape: v.shape, bytes: v, kind: v.kind === 'ndarray' ? 1 : 3 }, inMap);
    else if (v instanceof NumpyScalar)
      leaf({ dtype: v.tensor.dtype, shape: v.tensor.shape, bytes: leafBytes(v.tensor), kind: 3 }, 0, v.tensor.byteLength, v.tensor.shape);
    else if (v instanceof ComplexValue) {
      b.extHeader(2, 19);
      b.byte(0x92);
      b.float64(v.re);
      b.float64(v.im);
    } else if (v instanceof ExtValue) {
      b.extHeader(v.type, v.data.length);
      b.raw(v.data);
    } else if (Array.isArray(v)) {
      b.arrayHeader(v.length);
      for (const x of v) value(x, false, depth + 1);
    } else if (v instanceof Map || isPlainObject(v)) {
      const entries: Array<[string | number, MsgpackInput]> = v instanceof Map ? [...v.entries()] : Object.entries(v);
      const seen = new Set<string>();
      b.mapHeader(entries.length);
      for (const [k, x] of entries) {
        const key = String(k);
        if (seen.has(key)) throw formatError('E_FORMAT_DUPLICATE_KEY', `Two keys stringify to "${key}"`, { path: key });
        seen.add(key);
        b.str(key);
        value(x, true, depth + 1);
      }
    } else {
      throw formatError('E_INVALID_ARGUMENT', 'A value cannot be written as msgpack', {
        found: (v as object)?.constructor?.name ?? typeof v,
        expected: 'Map, object, array, Tensor, number, bigint, string, boolean, null or Uint8Array',
      });
    }
  };
  value(tree, true, 0);
  flush();
  return parts;
}
