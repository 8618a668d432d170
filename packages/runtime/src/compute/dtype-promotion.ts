import { Tensor } from '@interop/core';
import type { DType } from '@interop/core';
import type { FloatDType } from '../random/float-dtype.js';

const FLOATS: readonly string[] = ['float16', 'bfloat16', 'float32', 'float64'];

/**
 * The float dtype JAX computes in for these arrays: their common float dtype when they agree,
 * else float64 if any is float64, else float32 (float16 with bfloat16 meets in float32). Non-float
 * arrays (token ids) and missing ones are ignored; none left means float32.
 *
 * @example
 * ```ts
 * promoteFloatDtypes([x, kernel]); // 'bfloat16' when both are bfloat16
 * ```
 */
export function promoteFloatDtypes(tensors: ReadonlyArray<Tensor | null | undefined>): FloatDType {
  const all = tensors
    .filter((t): t is Tensor => t instanceof Tensor)
    .map((t) => t.dtype as string)
    .filter((d) => FLOATS.includes(d));
  const first = all[0] as FloatDType | undefined;
  if (!first) return 'float32';
  if (all.every((d) => d === first)) return first;
  return all.includes('float64') ? 'float64' : 'float32';
}

/**
 * `y` stored as `dtype` (rounded to it), or `y` itself when it already is.
 *
 * @example
 * ```ts
 * castTo(runIR(ir, x), 'bfloat16');
 * ```
 */
export function castTo(y: Tensor, dtype: DType): Tensor {
  if (y.dtype === dtype) return y;
  return Tensor.fromArray(y.toFloat64(), y.shape, dtype);
}
