import { DTYPES, bfloat16BitsToFloat32, float16BitsToFloat32 } from '@interop/core';
import type { Tensor } from '@interop/core';

/**
 * The Python number Orbax restores for a `scalar` leaf (a 0-d zarr array): integers as `bigint`
 * (Python `int`), floats as `number` (Python `float`), booleans as `boolean`, the same values as
 * the msgpack reader gives for Python numbers.
 *
 * @example
 * ```ts
 * pythonScalar(Tensor.fromArray([7], [], 'int64')); // 7n
 * ```
 */
export function pythonScalar(t: Tensor): bigint | number | boolean {
  const v = t.data[0]!;
  const kind = DTYPES[t.dtype].kind;
  if (kind === 'bool') return v !== 0;
  if (kind === 'int' || kind === 'uint') return BigInt(v);
  if (t.dtype === 'float16') return float16BitsToFloat32(v as number);
  if (t.dtype === 'bfloat16') return bfloat16BitsToFloat32(v as number);
  return v as number;
}
