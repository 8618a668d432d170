import { Tensor } from '@interop/core';
import type { FloatDType } from '@interop/runtime';

/** Keyword arguments every NNX layer takes for its dtypes. */
export interface DtypeOptions {
  /** Computation and output dtype; null promotes the input with the params (`promote_dtype`). @default null */
  dtype?: FloatDType | null;
  /** dtype of the params the constructor creates. @default 'float32' */
  paramDtype?: FloatDType;
}

const FLOATS = ['float16', 'bfloat16', 'float32', 'float64'];

/**
 * The dtype NNX computes and returns in: `dtype` when given, else JAX's promotion of the float
 * inputs and params (equal dtypes stay, float16 with bfloat16 gives float32).
 *
 * @example
 * ```ts
 * resultDtype(null, [x, linear.kernel.value]); // 'bfloat16' for bfloat16 x and kernel
 * ```
 */
export function resultDtype(dtype: FloatDType | null, arrays: ReadonlyArray<Tensor | undefined>): FloatDType {
  if (dtype) return dtype;
  const all = arrays.filter((t): t is Tensor => t !== undefined).map((t) => t.dtype as string).filter((d) => FLOATS.includes(d));
  const first = all[0] as FloatDType | undefined;
  if (!first) return 'float32';
  if (all.every((d) => d === first)) return first;
  return all.includes('float64') ? 'float64' : 'float32';
}

/**
 * `y` rounded (to nearest even) to `dtype`; a result already in `dtype` comes back as it is.
 *
 * @example
 * ```ts
 * castTo(y, 'bfloat16');
 * ```
 */
export function castTo(y: Tensor, dtype: FloatDType): Tensor {
  if (y.dtype === dtype) return y;
  return Tensor.fromArray(y.data as Float32Array, y.shape, dtype);
}
