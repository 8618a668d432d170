import { DTYPES, Tensor, sizeOf } from '@interop/core';
import type { DType, DTypeStorage, Shape } from '@interop/core';
import { formatError } from './errors.js';
import type { ReadLimits } from './limits.js';

/**
 * Checks a shape read from a file and returns its byte size, refusing negative, fractional or
 * overflowing dimensions and sizes over `limits.maxArrayBytes`.
 *
 * @throws {InteropError} E_FORMAT_LIMIT when the size overflows or exceeds the limit;
 *   E_FORMAT_CORRUPT when a dimension is not a non-negative integer.
 * @example
 * ```ts
 * byteSizeOf([2, 3], 'float32', DEFAULT_LIMITS, 'params/w', 0); // 24
 * ```
 */
export function byteSizeOf(shape: readonly unknown[], dtype: DType, limits: ReadLimits, path: string, offset: number): number {
  let elements = 1;
  let zero = false;
  for (const d of shape) {
    if (typeof d === 'number' && Number.isInteger(d) && d > Number.MAX_SAFE_INTEGER) {
      throw formatError('E_FORMAT_LIMIT', 'A shape dimension is absurdly large', { path, offset, found: shape.map(String) });
    }
    if (typeof d !== 'number' || !Number.isSafeInteger(d) || d < 0) {
      throw formatError('E_FORMAT_CORRUPT', 'A shape dimension is not a non-negative integer', {
        path,
        offset,
        found: shape.map(String),
      });
    }
    if (d === 0) zero = true;
    else elements *= d;
  }
  const bytes = zero ? 0 : elements * DTYPES[dtype].itemSize;
  if (!Number.isSafeInteger(bytes) || bytes > limits.maxArrayBytes) {
    throw formatError('E_FORMAT_LIMIT', 'An array is larger than the configured limit', {
      path,
      offset,
      expected: `at most ${limits.maxArrayBytes} bytes`,
      found: shape.map(String),
      fix: 'Raise limits.maxArrayBytes if the file is trusted',
    });
  }
  return bytes;
}

/**
 * Copies little-endian element bytes into a new, aligned {@link Tensor}.
 *
 * @example
 * ```ts
 * tensorFromBytes('uint8', [2], new Uint8Array([1, 2])).data; // Uint8Array [1, 2]
 * ```
 */
export function tensorFromBytes<D extends DType>(dtype: D, shape: Shape, bytes: Uint8Array): Tensor<D> {
  const info = DTYPES[dtype];
  const n = sizeOf(shape);
  const data = new info.storage(n) as DTypeStorage[D];
  new Uint8Array(data.buffer, data.byteOffset, n * info.itemSize).set(bytes.subarray(0, n * info.itemSize));
  return new Tensor(dtype, shape, data);
}

/**
 * The little-endian bytes of a tensor's elements, as a view (no copy).
 *
 * @example
 * ```ts
 * tensorBytes(Tensor.fromArray([1], [1], 'float32')); // Uint8Array [0, 0, 128, 63]
 * ```
 */
export function tensorBytes(tensor: Tensor): Uint8Array {
  const d = tensor.data;
  return new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
}
