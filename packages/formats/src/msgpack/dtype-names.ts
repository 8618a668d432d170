import { isDType } from '@interop/core';
import type { DType } from '@interop/core';
import { formatError } from '../errors.js';

/**
 * The dtype of a numpy dtype name as Flax writes it (`arr.dtype.name`: `float32`, `bool`,
 * `bfloat16`, ...).
 *
 * @throws {InteropError} E_FORMAT_DTYPE for names this package cannot hold (complex, float8, ...).
 * @example
 * ```ts
 * dtypeOfNumpyName('bfloat16', 'params/w', 12); // 'bfloat16'
 * ```
 */
export function dtypeOfNumpyName(name: string, path: string, offset: number): DType {
  if (isDType(name)) return name;
  throw formatError('E_FORMAT_DTYPE', `Unsupported array dtype "${name.slice(0, 40)}"`, {
    path,
    offset,
    expected: 'float16/32/64, bfloat16, (u)int8..64 or bool',
    found: name.slice(0, 40),
  });
}
