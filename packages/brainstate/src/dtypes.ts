import { Tensor } from '@interop/core';
import type { FloatDType } from '@interop/runtime';

const FLOATS = ['float16', 'bfloat16', 'float32', 'float64'];

/**
 * JAX's promotion of the float dtypes among `tensors` (ints ignored): equal dtypes stay, float16
 * with bfloat16 gives float32, anything with float32 gives float32, float64 wins.
 *
 * @example
 * ```ts
 * promote([x, weight]); // 'bfloat16' when both are bfloat16
 * ```
 */
export function promote(tensors: ReadonlyArray<Tensor | undefined>): FloatDType {
  const all = tensors.filter((t): t is Tensor => t !== undefined).map((t) => t.dtype as string).filter((d) => FLOATS.includes(d));
  const first = all[0] as FloatDType | undefined;
  if (!first) return 'float32';
  if (all.every((d) => d === first)) return first;
  return all.includes('float64') ? 'float64' : 'float32';
}

/**
 * `y` rounded (to nearest even) to `dtype`.
 *
 * @example
 * ```ts
 * castTo(y, 'bfloat16');
 * ```
 */
export function castTo(y: Tensor, dtype: FloatDType): Tensor {
  if (y.dtype === dtype) return y;
  return Tensor.fromArray(y.toArray(), y.shape, dtype);
}
