import { InteropError, pythonArgs } from '@interop/core';

/**
 * Reads a BrainState constructor call: `params` are the arguments Python declares before `*`
 * (camelCase, in order), `keywordOnly` those after it. A name Python does not have is an
 * `E_INVALID_ARGUMENT`, as Python's TypeError would be.
 *
 * @example
 * ```ts
 * bstArgs('Linear', ['inSize', 'outSize', 'wInit', 'bInit'], [], [3, 5, { bInit: null }]);
 * ```
 */
export function bstArgs<T>(callee: string, params: readonly string[], keywordOnly: readonly string[], args: readonly unknown[]): T {
  return pythonArgs(callee, params, args, { keywordOnly }) as T;
}

/**
 * The required argument `name`, or a clear error naming it.
 *
 * @throws {InteropError} E_INVALID_ARGUMENT when it is missing.
 * @example
 * ```ts
 * const n = required('Linear', 'inSize', a.inSize);
 * ```
 */
export function required<T>(callee: string, name: string, value: T | undefined): T {
  if (value === undefined) {
    throw new InteropError('E_INVALID_ARGUMENT', `${callee} is missing its required argument "${name}"`, {
      fix: `Pass ${name} as in Python`,
    });
  }
  return value;
}

/**
 * A BrainState `Size` (an int or a sequence of ints) as a list, as `in_size` setters normalise it.
 *
 * @throws {InteropError} E_INVALID_ARGUMENT for anything but positive integers.
 * @example
 * ```ts
 * toSize(3, 'Linear', 'inSize'); // [3]
 * ```
 */
export function toSize(value: unknown, callee: string, name: string): number[] {
  const list = typeof value === 'number' ? [value] : value;
  if (!Array.isArray(list) || list.length === 0 || !list.every((v) => Number.isInteger(v) && v > 0)) {
    throw new InteropError('E_INVALID_ARGUMENT', `${callee} ${name} must be a positive int or a list of them`, {
      found: JSON.stringify(value),
    });
  }
  return [...(list as number[])];
}

/**
 * `value` repeated to `n` entries (an int, a 1-list, or an `n`-list), as BrainState's `replicate`.
 *
 * @throws {InteropError} E_INVALID_ARGUMENT for a list of another length.
 * @example
 * ```ts
 * replicate(2, 2, 'stride'); // [2, 2]
 * ```
 */
export function replicate(value: number | readonly number[], n: number, name: string): number[] {
  if (typeof value === 'number') return Array<number>(n).fill(value);
  if (value.length === 1) return Array<number>(n).fill(value[0]!);
  if (value.length === n && value.every((v) => Number.isInteger(v))) return [...value];
  throw new InteropError('E_INVALID_ARGUMENT', `${name} must be a scalar or sequence of length 1 or sequence of length ${n}`, {
    found: JSON.stringify(value),
  });
}

/**
 * Refuses an argument this package does not compute (a weight mask, a parameter type), rather
 * than ignoring it and computing something else than BrainState would.
 *
 * @throws {InteropError} E_INVALID_ARGUMENT naming the argument.
 * @example
 * ```ts
 * notModelled('Linear', 'wMask', a.wMask);
 * ```
 */
export function notModelled(callee: string, name: string, value: unknown): void {
  if (value === undefined || value === null) return;
  throw new InteropError('E_INVALID_ARGUMENT', `${callee}'s "${name}" is not modelled by @interop/brainstate`, {
    found: typeof value,
    fix: `Leave "${name}" at its default (None), or apply it to the weights yourself`,
  });
}
