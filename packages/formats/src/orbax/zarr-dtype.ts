import type { DType } from '@interop/core';
import { formatError } from '../errors.js';

const V2 = new Map<string, DType>(
  Object.entries({
    '<f2': 'float16',
    '<f4': 'float32',
    '<f8': 'float64',
    bfloat16: 'bfloat16',
    '|i1': 'int8',
    '<i1': 'int8',
    '<i2': 'int16',
    '<i4': 'int32',
    '<i8': 'int64',
    '|u1': 'uint8',
    '<u1': 'uint8',
    '<u2': 'uint16',
    '<u4': 'uint32',
    '<u8': 'uint64',
    '|b1': 'bool',
    '<b1': 'bool',
  } satisfies Record<string, DType>),
);

const V3 = new Set<string>([
  'bool',
  'int8',
  'int16',
  'int32',
  'int64',
  'uint8',
  'uint16',
  'uint32',
  'uint64',
  'float16',
  'float32',
  'float64',
  'bfloat16',
]);

/**
 * The dtype of a zarr `dtype` (v2: a numpy typestr such as `<f4`, or `bfloat16`) or `data_type`
 * (v3: `float32`, `bfloat16`, ...).
 *
 * @throws {InteropError} E_FORMAT_DTYPE for big-endian, complex, float8 and int4 arrays, which our
 *   tensors cannot hold.
 * @example
 * ```ts
 * dtypeOfZarr('<f4', 2, 'params.w'); // 'float32'
 * ```
 */
export function dtypeOfZarr(name: unknown, version: 2 | 3, path: string): DType {
  const d = typeof name === 'string' ? (version === 2 ? V2.get(name) : V3.has(name) ? (name as DType) : undefined) : undefined;
  if (d !== undefined) return d;
  throw formatError('E_FORMAT_DTYPE', `Unsupported zarr dtype ${JSON.stringify(name)?.slice(0, 60)}`, {
    path,
    expected: 'little-endian float16/32/64, bfloat16, (u)int8..64 or bool',
    found: JSON.stringify(name)?.slice(0, 60),
  });
}

/**
 * The zarr v2 typestr Orbax (tensorstore) writes for a dtype.
 *
 * @example
 * ```ts
 * zarrV2DtypeOf('bfloat16'); // 'bfloat16'
 * ```
 */
export function zarrV2DtypeOf(dtype: DType): string {
  for (const [k, v] of V2) if (v === dtype && k !== '<i1' && k !== '<u1' && k !== '<b1') return k;
  return dtype;
}
