import type { Tensor } from '@interop/core';
import { promoteFloatDtypes } from '@interop/runtime';
import type { FloatDType } from '@interop/runtime';

/** Keyword arguments every Flax layer takes for its dtypes, in Linen and in NNX. */
export interface DtypeOptions {
  /** Computation and output dtype; null promotes the input with the params (`promote_dtype`). @default null */
  dtype?: FloatDType | null;
  /** dtype of the params the layer creates. @default 'float32' */
  paramDtype?: FloatDType;
}

/**
 * What a Linen and an NNX module have in common: Python's class name and the two dtype fields
 * every Flax layer takes. `@interop/linen`'s and `@interop/nnx`'s `Module` extend it with their
 * framework's life cycle (`init`/`apply`, or state owned from the constructor and `call`).
 *
 * @example
 * ```ts
 * class Module extends FlaxModule {
 *   // init/apply (Linen) or call (NNX) here
 * }
 * ```
 */
export abstract class FlaxModule {
  /** Python's class name, as in a spec's `type`. */
  abstract readonly type: string;
  /** Computation and output dtype; null promotes input and params. */
  dtype: FloatDType | null = null;
  /** dtype of the params the module creates. */
  paramDtype: FloatDType = 'float32';

  /** Takes `dtype` and `paramDtype` from a constructor's keyword arguments. */
  protected setDtypes(options: DtypeOptions): void {
    this.dtype = options.dtype ?? null;
    this.paramDtype = options.paramDtype ?? 'float32';
  }
}

/**
 * The dtype a Flax layer computes and returns in: `dtype` when given, else JAX's promotion of
 * the float inputs and params (equal dtypes stay, float16 with bfloat16 gives float32).
 *
 * @example
 * ```ts
 * resultDtype(null, [x, kernel]); // 'bfloat16' for bfloat16 x and kernel
 * ```
 */
export function resultDtype(dtype: FloatDType | null, arrays: ReadonlyArray<Tensor | undefined>): FloatDType {
  return dtype ?? promoteFloatDtypes(arrays);
}
