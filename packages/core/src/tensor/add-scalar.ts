import type { DTypeStorage } from './dtype.js';
import { addScalarStorage, checkAddScalar } from './add-scalar-kernel.js';
import { Tensor, lazyTensor } from './tensor.js';

/**
 * Adds a constant to every element and keeps the dtype, the way JAX adds a Python scalar:
 * float32 sums are rounded to float32, float16/bfloat16 go through float32 and round to nearest
 * even, integers wrap around like fixed-width machine integers. On a lazy tensor the sum is
 * recorded and computed block by block when values are read.
 *
 * Adding then subtracting the same constant restores every integer tensor bit for bit; for floats
 * it does so only where no rounding happened (e.g. small integers or dyadic fractions).
 *
 * @throws {InteropError} E_DTYPE for bool tensors; E_INVALID_ARGUMENT for a non-integer constant
 *   on an integer tensor.
 * @example
 * ```ts
 * addScalar(Tensor.fromArray([1, 2], [2], 'bfloat16'), 1).toArray(); // [2, 3], still bfloat16
 * ```
 */
export function addScalar<T extends Tensor>(x: T, constant: number | bigint): T {
  checkAddScalar(x.dtype, constant);
  if (x.isLazy) return lazyTensor(x.dtype, x.shape, { op: 'add-scalar', input: x, constant }) as T;
  const out = addScalarStorage(x.dtype, x.data, constant);
  return new Tensor(x.dtype, x.shape, out as DTypeStorage[T['dtype']]) as T;
}
