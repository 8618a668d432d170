import type { DType } from '@interop/core';
import { formatError } from '../errors.js';

const DESCR_OF: Readonly<Record<DType, string>> = {
  float16: '<f2',
  float32: '<f4',
  float64: '<f8',
  bfloat16: '<V2',
  int8: '|i1',
  int16: '<i2',
  int32: '<i4',
  int64: '<i8',
  uint8: '|u1',
  uint16: '<u2',
  uint32: '<u4',
  uint64: '<u8',
  bool: '|b1',
};

const DTYPE_OF: Readonly<Record<string, DType>> = {
  f2: 'float16',
  f4: 'float32',
  f8: 'float64',
  V2: 'bfloat16',
  i1: 'int8',
  i2: 'int16',
  i4: 'int32',
  i8: 'int64',
  u1: 'uint8',
  u2: 'uint16',
  u4: 'uint32',
  u8: 'uint64',
  b1: 'bool',
  '?': 'bool',
};

/**
 * The `descr` string `np.save` writes for a dtype (`'<f4'`, `'|u1'`, `'|b1'`, `'<V2'` for bfloat16).
 *
 * @example
 * ```ts
 * npyDescrOf('bfloat16'); // '<V2'
 * ```
 */
export function npyDescrOf(dtype: DType): string {
  return DESCR_OF[dtype];
}

/**
 * The dtype of a `descr` string. `V2` is read as bfloat16, as `jnp.load` does; one-byte types
 * accept any byte-order mark.
 *
 * @throws {InteropError} E_FORMAT_DTYPE for big-endian, complex, structured or unknown descrs.
 * @example
 * ```ts
 * dtypeOfNpyDescr('<f4'); // 'float32'
 * ```
 */
export function dtypeOfNpyDescr(descr: unknown, path = '', offset?: number): DType {
  if (typeof descr !== 'string') {
    throw formatError('E_FORMAT_DTYPE', 'Structured npy dtypes are not supported', {
      path,
      offset,
      expected: 'a simple descr such as <f4',
      found: String(descr).slice(0, 80),
    });
  }
  const order = descr[0];
  const code = descr.slice(1);
  const dtype = DTYPE_OF[code];
  if (dtype === undefined || (order !== '<' && order !== '|' && order !== '=' && order !== '>')) {
    throw formatError('E_FORMAT_DTYPE', `Unsupported npy dtype "${descr.slice(0, 40)}"`, {
      path,
      offset,
      expected: Object.values(DESCR_OF).join(' '),
      found: descr.slice(0, 40),
    });
  }
  const oneByte = code.endsWith('1') || code === '?';
  if (order === '>' && !oneByte) {
    throw formatError('E_FORMAT_DTYPE', 'Big-endian npy arrays are not supported', {
      path,
      offset,
      expected: `<${code}`,
      found: descr,
      fix: 'Convert in Python with arr.astype(arr.dtype.newbyteorder("<")) and save again',
    });
  }
  return dtype;
}
