import { InteropError } from '@interop/core';
import type { FloatDType } from '@interop/runtime';

/** A module as JSON: the Python constructor call, snake_case argument names. */
export type ModuleSpec = { type: string; [arg: string]: unknown };

// Readers of one spec argument: each refuses a value of the wrong type with E_INVALID_SPEC.

/** Refuses `spec` with E_INVALID_SPEC saying `what`. */
export function bad(what: string, spec: unknown): never {
  throw new InteropError('E_INVALID_SPEC', what, { found: JSON.stringify(spec) });
}

/** The number argument `name`, if given. */
export function num(spec: ModuleSpec, name: string): number | undefined {
  const v = spec[name];
  if (v === undefined) return undefined;
  return typeof v === 'number' ? v : bad(`${spec.type}.${name} must be a number`, spec);
}

/** The number argument `name`, required. */
export function need(spec: ModuleSpec, name: string): number {
  return num(spec, name) ?? bad(`${spec.type} needs ${name}`, spec);
}

/** The boolean argument `name`; null counts as not given. */
export function bool(spec: ModuleSpec, name: string): boolean | undefined {
  const v = spec[name];
  if (v === undefined || v === null) return undefined;
  return typeof v === 'boolean' ? v : bad(`${spec.type}.${name} must be a boolean`, spec);
}

const FLOAT_DTYPES = ['float16', 'bfloat16', 'float32', 'float64'];

/** The float dtype name `name`; null counts as not given. */
export function dtype(spec: ModuleSpec, name: string): FloatDType | undefined {
  const v = spec[name];
  if (v === undefined || v === null) return undefined;
  return FLOAT_DTYPES.includes(v as string) ? (v as FloatDType) : bad(`${spec.type}.${name} must be a float dtype name`, spec);
}

/** An int or a list of ints (kernel sizes, strides, dilations). */
export function sizes(spec: ModuleSpec, name: string): number | number[] | undefined {
  const v = spec[name];
  if (v === undefined || v === null) return undefined;
  const ok = typeof v === 'number' || (Array.isArray(v) && v.every((x) => typeof x === 'number'));
  return ok ? (v as number | number[]) : bad(`${spec.type}.${name} must be an int or a list of ints`, spec);
}

