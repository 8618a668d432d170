import { Tensor } from '@interop/core';
import type { DType } from '@interop/core';
import type { FloatDType } from '@interop/runtime';

const FLOATS: readonly string[] = ['float16', 'bfloat16', 'float32', 'float64'];

/**
 * JAX's standard promotion of float dtypes: equal dtypes stay, float16 with bfloat16 gives
 * float32, anything with float64 gives float64; integer operands do not count.
 *
 * @example
 * ```ts
 * promote([x, weight]); // 'bfloat16' for bfloat16 x and weight
 * ```
 */
export function promote(tensors: ReadonlyArray<Tensor | null | undefined>): FloatDType {
  const all = tensors.filter((t): t is Tensor => t instanceof Tensor).map((t) => t.dtype as string).filter((d) => FLOATS.includes(d));
  const first = all[0] as FloatDType | undefined;
  if (!first) return 'float32';
  if (all.every((d) => d === first)) return first;
  return all.includes('float64') ? 'float64' : 'float32';
}

/**
 * `y` rounded (to nearest even) to `dtype`; a tensor already of that dtype comes back as it is.
 *
 * @example
 * ```ts
 * castTo(y, 'bfloat16');
 * ```
 */
export function castTo(y: Tensor, dtype: DType): Tensor {
  if (y.dtype === dtype) return y;
  return Tensor.fromArray(y.toFloat64(), y.shape, dtype);
}

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
