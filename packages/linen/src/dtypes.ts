import { Tensor } from '@interop/core';
import { promoteFloatDtypes } from '@interop/runtime';
import type { FloatDType } from '@interop/runtime';
import type { VariableTree } from './variables.js';

/** Keyword arguments every Linen layer takes for its dtypes. */
export interface DtypeOptions {
  /** Computation and output dtype; null promotes the input with the params (`promote_dtype`). @default null */
  dtype?: FloatDType | null;
  /** dtype of the params `init` creates. @default 'float32' */
  paramDtype?: FloatDType;
}

function arrayLeaves(tree: VariableTree | undefined, out: Tensor[]): Tensor[] {
  for (const v of Object.values(tree ?? {})) {
    if (v instanceof Tensor) out.push(v);
    else arrayLeaves(v, out);
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
  return dtype ?? promoteFloatDtypes([...inputs, ...arrayLeaves(params, [])]);
}

export { castTo } from '@interop/runtime';
