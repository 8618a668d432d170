import { InteropError } from '@interop/core';
import type { FloatDType } from '@interop/runtime';

/** A module as JSON: the Python constructor call, snake_case argument names. */
export type ModuleSpec = { type: string; [arg: string]: unknown };

// Readers of one spec argument: each refuses a value of the wrong type with E_INVALID_SPEC.

/**
 * Refuses `spec` with E_INVALID_SPEC saying `what`.
 *
 * @throws {InteropError} E_INVALID_SPEC, always.
 * @example
 * ```ts
 * bad('Sequential needs a "layers" list', spec);
 * ```
 */
export function bad(what: string, spec: unknown, expected?: string): never {
  throw new InteropError('E_INVALID_SPEC', what, { found: JSON.stringify(spec), ...(expected ? { expected } : {}) });
}

/**
 * The number argument `name`, if given.
 *
 * @throws {InteropError} E_INVALID_SPEC for a value that is not a number.
 * @example
 * ```ts
 * num({ type: 'LayerNorm', epsilon: 1e-5 }, 'epsilon'); // 1e-5
 * ```
 */
export function num(spec: ModuleSpec, name: string): number | undefined {
  const v = spec[name];
  if (v === undefined) return undefined;
  return typeof v === 'number' ? v : bad(`${spec.type}.${name} must be a number`, spec);
}

/**
 * The number argument `name`, required.
 *
 * @throws {InteropError} E_INVALID_SPEC when it is missing (`Dense needs features`) or not a number.
 * @example
 * ```ts
 * need({ type: 'Dense', features: 8 }, 'features'); // 8
 * ```
 */
export function need(spec: ModuleSpec, name: string): number {
  return num(spec, name) ?? bad(`${spec.type} needs ${name}`, spec);
}

/**
 * The boolean argument `name`; null counts as not given.
 *
 * @throws {InteropError} E_INVALID_SPEC for a value that is not a boolean.
 * @example
 * ```ts
 * bool({ type: 'Dense', features: 8, use_bias: false }, 'use_bias'); // false
 * ```
 */
export function bool(spec: ModuleSpec, name: string): boolean | undefined {
  const v = spec[name];
  if (v === undefined || v === null) return undefined;
  return typeof v === 'boolean' ? v : bad(`${spec.type}.${name} must be a boolean`, spec);
}

const FLOAT_DTYPES = ['float16', 'bfloat16', 'float32', 'float64'];

/**
 * The float dtype name `name`; null counts as not given.
 *
 * @throws {InteropError} E_INVALID_SPEC for anything but a float dtype name.
 * @example
 * ```ts
 * dtype({ type: 'Dense', features: 8, param_dtype: 'bfloat16' }, 'param_dtype'); // 'bfloat16'
 * ```
 */
export function dtype(spec: ModuleSpec, name: string): FloatDType | undefined {
  const v = spec[name];
  if (v === undefined || v === null) return undefined;
  return FLOAT_DTYPES.includes(v as string) ? (v as FloatDType) : bad(`${spec.type}.${name} must be a float dtype name`, spec);
}

/**
 * An int or a list of ints (kernel sizes, strides, dilations); null counts as not given.
 *
 * @throws {InteropError} E_INVALID_SPEC for anything else.
 * @example
 * ```ts
 * sizes({ type: 'Conv', kernel_size: [3, 3] }, 'kernel_size'); // [3, 3]
 * ```
 */
export function sizes(spec: ModuleSpec, name: string): number | number[] | undefined {
  const v = spec[name];
  if (v === undefined || v === null) return undefined;
  const ok = typeof v === 'number' || (Array.isArray(v) && v.every((x) => typeof x === 'number'));
  return ok ? (v as number | number[]) : bad(`${spec.type}.${name} must be an int or a list of ints`, spec);
}
