import type { Tensor } from '@interop/core';
import type { FloatDType } from '@interop/runtime';

const FLOATS: readonly string[] = ['float16', 'bfloat16', 'float32', 'float64'];

/**
 * The dtype a float input keeps (norms return `x.dtype`); non-float inputs give float32.
 *
 * @example
 * ```ts
 * floatOf(x); // 'float16' for a float16 x
 * ```
 */
export function floatOf(x: Tensor): FloatDType {
  return FLOATS.includes(x.dtype) ? (x.dtype as FloatDType) : 'float32';
}

export { castTo, promoteFloatDtypes as promote } from '@interop/runtime';
