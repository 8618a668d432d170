import type { Tensor } from '@interop/core';
import type { FloatDType } from '@interop/runtime';
import type { Variable } from '../variables.js';

/** The float dtype of a tensor (what `paramDtype` becomes for a module built from the IR). */
export function floatDtype(t: Tensor | undefined): FloatDType {
  const d = t?.dtype as string | undefined;
  return d === 'float16' || d === 'bfloat16' || d === 'float64' ? d : 'float32';
}

/** Puts `value` into a variable the shape-only constructor created, keeping `value`'s dtype. */
export function fill(variable: Variable | null | undefined, value: Tensor | undefined): void {
  if (variable && value) variable.value = value;
}
