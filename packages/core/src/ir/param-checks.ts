import { ACTIVATION_FUNCTIONS } from './activations.js';
import type { ActivationFn } from './activations.js';
import type { ConvPadding, PaddingMode, PoolPadding, VarianceMode } from './param-types.js';

/**
 * The named JSON checks a kind's params may use, each with the TypeScript type it admits. `int`
 * and `ints` are non-negative; `axis` and `axes` may be negative (counted from the end);
 * `targetShape` allows one `-1`.
 */
export interface ParamTypes {
  int: number;
  number: number;
  boolean: boolean;
  string: string;
  ints: number[];
  axis: number;
  axes: number[];
  targetShape: number[];
  padding: ConvPadding;
  paddingMode: PaddingMode;
  variance: VarianceMode;
  activation: ActivationFn;
  poolOp: 'max' | 'avg';
  poolPadding: PoolPadding;
}

/** Name of a built-in param check (see {@link ParamTypes}). */
export type ParamCheck = keyof ParamTypes;

/**
 * A param check of a plugin's own: `test` says whether a JSON value is valid, `expected` names
 * what it wants in error messages, `optional` lets the param be absent.
 *
 * @example
 * ```ts
 * const mode: CustomParamCheck<'a' | 'b'> = { expected: "'a' or 'b'", test: (v): v is 'a' | 'b' => v === 'a' || v === 'b' };
 * ```
 */
export interface CustomParamCheck<T = unknown> {
  /** What a valid value is, for messages (`"'a' or 'b'"`). */
  expected: string;
  /** True when `value` is valid. */
  test(value: unknown): value is T;
  /** The param may be absent. @default false */
  optional?: boolean;
}

/** How one param is checked: a named check, the same name ending in `?` when it may be absent, or a custom check. */
export type ParamSpec = ParamCheck | `${ParamCheck}?` | CustomParamCheck<unknown>;

/** A kind's params: each param's name and how it is checked. */
export type ParamSchema = Readonly<Record<string, ParamSpec>>;

/** The TypeScript type a param spec admits. */
export type ParamTypeOf<S> = S extends `${infer C extends ParamCheck}?`
  ? ParamTypes[C]
  : S extends ParamCheck
    ? ParamTypes[S]
    : S extends CustomParamCheck<infer T>
      ? T
      : never;

/** The names of the params a schema lets be absent. */
export type OptionalParams<S> = { [K in keyof S]: S[K] extends `${string}?` ? K : S[K] extends { optional: true } ? K : never }[keyof S];

/**
 * The params type of a schema: `{ inFeatures: 'int', alpha: 'number?' }` gives
 * `{ inFeatures: number; alpha?: number }`; an empty schema gives `Record<string, never>`.
 */
export type ParamsOf<S> = [keyof S] extends [never]
  ? Record<string, never>
  : { -readonly [K in Exclude<keyof S, OptionalParams<S>>]: ParamTypeOf<S[K]> } & {
        -readonly [K in OptionalParams<S>]?: ParamTypeOf<S[K]>;
      } extends infer P
    ? { [K in keyof P]: P[K] }
    : never;

const isInts = (v: unknown): v is number[] => Array.isArray(v) && v.every((d) => Number.isSafeInteger(d));
const isPairs = (v: unknown): boolean => Array.isArray(v) && v.every((pair) => isInts(pair) && pair.length === 2);

const CHECKS: { readonly [C in ParamCheck]: (value: unknown) => boolean } = {
  int: (v) => Number.isSafeInteger(v) && (v as number) >= 0,
  number: (v) => typeof v === 'number',
  boolean: (v) => typeof v === 'boolean',
  string: (v) => typeof v === 'string',
  ints: (v) => isInts(v) && v.every((d) => d >= 0),
  axis: (v) => Number.isSafeInteger(v),
  axes: isInts,
  targetShape: (v) => isInts(v) && v.every((d) => d >= -1),
  padding: (v) => ['SAME', 'SAME_LOWER', 'VALID', 'CAUSAL'].includes(v as string) || isPairs(v),
  paddingMode: (v) => ['zeros', 'circular', 'reflect', 'replicate'].includes(v as string),
  variance: (v) => v === 'fast' || v === 'two-pass',
  activation: (v) => (ACTIVATION_FUNCTIONS as readonly unknown[]).includes(v),
  poolOp: (v) => v === 'max' || v === 'avg',
  poolPadding: (v) => v === 'SAME' || v === 'VALID' || isPairs(v),
};

/** The names of the built-in param checks. */
export const PARAM_CHECKS: readonly ParamCheck[] = Object.freeze(Object.keys(CHECKS) as ParamCheck[]);

function named(spec: ParamSpec): { check: ParamCheck; optional: boolean } | undefined {
  if (typeof spec !== 'string') return undefined;
  const optional = spec.endsWith('?');
  const check = (optional ? spec.slice(0, -1) : spec) as ParamCheck;
  return Object.hasOwn(CHECKS, check) ? { check, optional } : undefined;
}

/** A problem with a param spec itself (an unknown check name), or `undefined` when it is well formed. */
export function paramSpecProblem(spec: unknown): string | undefined {
  if (typeof spec === 'string')
    return named(spec as ParamSpec)
      ? undefined
      : `unknown check "${spec}" (expected one of ${PARAM_CHECKS.join(', ')}, optionally ending in ?)`;
  const custom = spec as Partial<CustomParamCheck> | null;
  if (typeof custom === 'object' && custom !== null && typeof custom.test === 'function' && typeof custom.expected === 'string')
    return undefined;
  return 'expected a check name or { expected, test }';
}

/** True when `value` passes `spec`. */
export function passesParam(spec: ParamSpec, value: unknown): boolean {
  const check = named(spec);
  if (check) return (check.optional && value === undefined) || CHECKS[check.check](value);
  const custom = spec as CustomParamCheck;
  return (custom.optional === true && value === undefined) || custom.test(value);
}

/** What a spec expects, for messages: the check's name or the custom check's `expected`. */
export function describeParam(spec: ParamSpec): string {
  return typeof spec === 'string' ? spec : (spec as CustomParamCheck).expected;
}
