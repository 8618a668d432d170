import { Tensor } from '@interop/core';
import type { FloatDType } from '@interop/runtime';
import type { VariableTree } from './variables.js';

/** Keyword arguments every Linen layer takes for its dtypes. */
export interface DtypeOptions {
  /** Computation and output dtype; null promotes the input with the params (`promote_dtype`). @default null */
  dtype?: FloatDType | null;
  /** dtype of the params `init` creates. @default 'float32' */
  paramDtype?: FloatDType;
}

function floatLeaves(tree: VariableTree | undefined, out: string[]): string[] {
  for (const v of Object.values(tree ?? {})) {
    if (v instanceof Tensor) out.push(v.dtype);
    else floatLeaves(v, out);
  }
  return out;
}

/**
 * The dtype Linen computes and returns in: `dtype` when given, else JAX's promotion of the
 * float inputs and params (equal dtypes stay, float16 with bfloat16 gives float32).
 *
 * @example
 * ```ts
 * resultDtype(null, [x], variables.params); // 'bfloat16' for bfloat16 x and params
 * ```
 */
export function resultDtype(dtype: FloatDType | null, inputs: readonly Tensor[], params: VariableTree | undefined): FloatDType {
  if (dtype) return dtype;
  const all = [...inputs.map((t) => t.dtype as string), ...floatLeaves(params, [])].filter((d) => d.startsWith('float') || d === 'bfloat16');
  const first = all[0] as FloatDType | undefined;
  if (!first) return 'float32';
  if (all.every((d) => d === first)) return first;
  return all.includes('float64') ? 'float64' : 'float32';
}

/**
 * `y` rounded (to nearest even) to `dtype`; float32 results come back as they are.
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
