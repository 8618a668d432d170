/**
 * One argument of a spec type as the spec reference (`docs/specs/`, `pnpm docs:specs`) shows it:
 * its JSON type, and Python's default, or the example value of a required argument.
 *
 * @example
 * ```ts
 * const features: SpecField = { type: 'int', example: 8 };
 * const useBias: SpecField = { type: 'bool', default: true };
 * ```
 */
export interface SpecField {
  /** The JSON type: `int`, `float`, `bool`, `string`, `dtype`, unions such as `int | int[]`. */
  readonly type: string;
  /** Python's default, used when a spec leaves the argument out; absent for a required argument. */
  readonly default?: unknown;
  /** The value the reference's example spec gives a required argument. */
  readonly example?: unknown;
}

/**
 * The arguments of a spec entry, snake_case, in Python's order.
 *
 * @example
 * ```ts
 * const fields: SpecFields = { features: need('int', 8), ...DTYPE_FIELDS };
 * ```
 */
export type SpecFields = Readonly<Record<string, SpecField>>;

/**
 * A required argument and the value the reference's example gives it.
 *
 * @example
 * ```ts
 * needed('int', 8); // { type: 'int', example: 8 }
 * ```
 */
export const needed = (type: string, example: unknown): SpecField => ({ type, example });

/**
 * An optional argument and Python's default.
 *
 * @example
 * ```ts
 * optional('bool', true); // { type: 'bool', default: true }
 * ```
 */
export const optional = (type: string, value: unknown): SpecField => ({ type, default: value });

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
