import type { Tensor } from '@interop/core';
import { promoteFloatDtypes } from '@interop/runtime';
import type { FloatDType } from '@interop/runtime';

/** Keyword arguments every NNX layer takes for its dtypes. */
export interface DtypeOptions {
  /** Computation and output dtype; null promotes the input with the params (`promote_dtype`). @default null */
  dtype?: FloatDType | null;
  /** dtype of the params the constructor creates. @default 'float32' */
  paramDtype?: FloatDType;
}

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
  return dtype ?? promoteFloatDtypes(arrays);
}

export { castTo } from '@interop/runtime';
