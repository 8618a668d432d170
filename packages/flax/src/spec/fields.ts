import { neededField, optionalField } from '@interop/core';
import type { SpecField, SpecFields } from '@interop/core';

export type { SpecField, SpecFields };

/**
 * A required argument and the value the reference's example gives it (core's `neededField`).
 *
 * @example
 * ```ts
 * needed('int', 8); // { type: 'int', example: 8 }
 * ```
 */
export const needed = neededField;

/**
 * An optional argument and Python's default (core's `optionalField`).
 *
 * @example
 * ```ts
 * optional('bool', true); // { type: 'bool', default: true }
 * ```
 */
export const optional = optionalField;

/** `dtype` (null: inferred from the inputs and parameters) and `param_dtype`. */
export const DTYPE_FIELDS: SpecFields = { dtype: optional('dtype | null', null), param_dtype: optional('dtype', 'float32') };

/** The arguments every Flax norm shares after its own. */
export const NORM_FIELDS: SpecFields = {
  epsilon: optional('float', 1e-6),
  use_bias: optional('bool', true),
  use_scale: optional('bool', true),
  use_fast_variance: optional('bool', true),
};

/**
 * A Flax `Conv`'s arguments from `kernel_size` on (its features come before); `padding` is
 * `'SAME'`, `'VALID'`, `'SAME_LOWER'`, `'CAUSAL'` (1-D), `'CIRCULAR'`, `'REFLECT'`, an int, or one
 * int or `[low, high]` pair per spatial axis.
 */
export const CONV_FIELDS: SpecFields = {
  kernel_size: needed('int | int[]', [3, 3]),
  strides: optional('int | int[]', 1),
  padding: optional('string | int | (int | [int, int])[]', 'SAME'),
  input_dilation: optional('int | int[]', 1),
  kernel_dilation: optional('int | int[]', 1),
  feature_group_count: optional('int', 1),
  use_bias: optional('bool', true),
};

/** The arguments of the `jax.nn` functions a spec names (`elu`'s `alpha`, `gelu`'s `approximate`, `leaky_relu`'s `negative_slope`). */
export const ACTIVATION_FIELDS: SpecFields = {
  alpha: optional('float', 1),
  approximate: optional('bool', true),
  negative_slope: optional('float', 0.01),
};
