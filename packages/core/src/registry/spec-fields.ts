/**
 * One argument of a spec type as the spec reference (`docs/specs/`, `pnpm docs:specs`) shows it:
 * its JSON type, and Python's default, or the example value of a required argument. Every
 * plugin's spec table describes its arguments with these, so one generator reads them all.
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
 * The arguments of a spec type, snake_case, in Python's order.
 *
 * @example
 * ```ts
 * const fields: SpecFields = { features: neededField('int', 8), use_bias: optionalField('bool', true) };
 * ```
 */
export type SpecFields = Readonly<Record<string, SpecField>>;

/**
 * A required argument and the value the reference's example gives it.
 *
 * @example
 * ```ts
 * neededField('int', 8); // { type: 'int', example: 8 }
 * ```
 */
export const neededField = (type: string, example: unknown): SpecField => ({ type, example });

/**
 * An optional argument and Python's default.
 *
 * @example
 * ```ts
 * optionalField('bool', true); // { type: 'bool', default: true }
 * ```
 */
export const optionalField = (type: string, value: unknown): SpecField => ({ type, default: value });
