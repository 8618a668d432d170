import { Tensor } from '@interop/core';
import { resultDtype as flaxResultDtype } from '@interop/flax';
import type { FloatDType } from '@interop/runtime';
import type { VariableTree } from './variables.js';

export type { DtypeOptions } from '@interop/flax';

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
  return flaxResultDtype(dtype, [...inputs, ...arrayLeaves(params, [])]);
}

export { castTo } from '@interop/runtime';
