import type { DType, Shape } from '@interop/core';
import { formatError } from '../errors.js';
import type { ReadLimits } from '../limits.js';
import { byteSizeOf } from '../tensor-bytes.js';
import { dtypeOfNpyDescr, npyDescrOf } from './descr.js';
import { parsePyLiteral } from './py-literal.js';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];

/** What an npy header says, plus where its data lies. */
export interface NpyHeader {
  /** The element type. */
  dtype: DType;
  /** The descr string as written (`'<f4'`, `'<V2'`, ...). */
  descr: string;
  /** The array shape. */
  shape: number[];
  /** True when the data is in Fortran (column-major) order. */
  fortranOrder: boolean;
  /** Absolute offset of the first data byte. */
  dataOffset: number;
  /** Bytes of data that follow the header. */
  byteLength: number;
}

/**
 * Parses the npy header that starts at `offset`. Needs only the header bytes, not the data.
 * `base` is the file position of `bytes[0]` when they are a window read from a larger file:
 * offsets in errors and `dataOffset` are file positions.
 *
 * @throws {InteropError} E_FORMAT_MAGIC, E_FORMAT_TRUNCATED, E_FORMAT_CORRUPT, E_FORMAT_DTYPE,
 *   E_FORMAT_LIMIT.
 * @example
 * ```ts
 * parseNpyHeader(bytes, 0, DEFAULT_LIMITS).shape; // [4, 3]
 * ```
 */
export function parseNpyHeader(bytes: Uint8Array, offset: number, limits: ReadLimits, path = '', base = 0): NpyHeader {
  const abs = (local: number): number => base + local;
  if (bytes.length - offset < 10) {
    throw formatError('E_FORMAT_TRUNCATED', 'The data ends inside an npy preamble', { path, offset: abs(offset) });
  }
  for (let k = 0; k < 6; k++) {
    if (bytes[offset + k] !== MAGIC[k]) {
      throw formatError('E_FORMAT_MAGIC', 'Not an npy record', {
        path,
        offset: abs(offset),
        expected: '\\x93NUMPY',
        found: Array.from(bytes.subarray(offset, offset + 6)),
      });
    }
  }
  const major = bytes[offset + 6]!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (major < 1 || major > 3) {
    throw formatError('E_FORMAT_MAGIC', `Unsupported npy version ${major}`, { path, offset: abs(offset + 6), expected: '1, 2 or 3' });
  }
  const wide = major >= 2;
  if (wide && bytes.length - offset < 12) {
    throw formatError('E_FORMAT_TRUNCATED', 'The data ends inside an npy preamble', { path, offset: abs(offset) });
  }
  const hlen = wide ? view.getUint32(offset + 8, true) : view.getUint16(offset + 8, true);
  const start = offset + (wide ? 12 : 10);
  if (hlen > limits.maxHeaderBytes) {
    throw formatError('E_FORMAT_LIMIT', 'An npy header is larger than the limit', {
      path,
      offset: abs(offset),
      expected: `at most ${limits.maxHeaderBytes} bytes`,
      found: hlen,
    });
  }
  if (start + hlen > bytes.length) {
    throw formatError('E_FORMAT_TRUNCATED', 'The data ends inside an npy header', {
      path,
      offset: abs(offset),
      expected: `${hlen} header bytes`,
      found: bytes.length - start,
    });
  }
  const text = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(start, start + hlen));
  const dict = parsePyLiteral(text, abs(start));
  if (!(dict instanceof Map)) throw formatError('E_FORMAT_CORRUPT', 'An npy header is not a dict', { path, offset: abs(start) });
  const shape = dict.get('shape');
  const fortran = dict.get('fortran_order');
  if (dict.size !== 3 || !Array.isArray(shape) || typeof fortran !== 'boolean' || !dict.has('descr')) {
    throw formatError('E_FORMAT_CORRUPT', 'An npy header must have exactly descr, fortran_order and shape', {
      path,
      offset: abs(start),
      found: text.slice(0, 120),
    });
  }
  const dtype = dtypeOfNpyDescr(dict.get('descr'), path, abs(start));
  const byteLength = byteSizeOf(shape, dtype, limits, path, abs(start));
  return {
    dtype,
    descr: dict.get('descr') as string,
    shape: shape as number[],
    fortranOrder: fortran,
    dataOffset: abs(start + hlen),
    byteLength,
  };
}

function shapeRepr(shape: Shape): string {
  if (shape.length === 1) return `(${shape[0]},)`;
  return `(${shape.join(', ')})`;
}

/**
 * The header `np.save` writes for a C-order array: sorted keys, 21 − len(repr(shape[0])) growth
 * spaces, space padding and a newline up to a multiple of 64 bytes, version 1.0 unless the
 * header needs 2.0.
 *
 * @example
 * ```ts
 * buildNpyHeader('float32', [4, 3]).length; // 128
 * ```
 */
export function buildNpyHeader(dtype: DType, shape: Shape): Uint8Array {
  let dict = `{'descr': '${npyDescrOf(dtype)}', 'fortran_order': False, 'shape': ${shapeRepr(shape)}, }`;
  if (shape.length > 0) dict += ' '.repeat(Math.max(0, 21 - String(shape[0]).length));
  const hlen = dict.length + 1;
  let lenField = 2;
  let pad = 64 - ((8 + lenField + hlen) % 64);
  if (hlen + pad > 0xffff) {
    lenField = 4;
    pad = 64 - ((8 + lenField + hlen) % 64);
  }
  const total = 8 + lenField + hlen + pad;
  const out = new Uint8Array(total);
  out.set(MAGIC);
  out[6] = lenField === 2 ? 1 : 2;
  const view = new DataView(out.buffer);
  if (lenField === 2) view.setUint16(8, hlen + pad, true);
  else view.setUint32(8, hlen + pad, true);
  const start = 8 + lenField;
  for (let k = 0; k < dict.length; k++) out[start + k] = dict.charCodeAt(k);
  out.fill(0x20, start + dict.length, total - 1);
  out[total - 1] = 0x0a;
  return out;
}
