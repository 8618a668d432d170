import { InteropError, pythonArgs } from '@interop/core';

/**
 * Reads a Linen constructor call: `params` are the dataclass fields in declaration order
 * (camelCase), every one positional as in Python; `modelled` are those this package computes.
 * A field we do not model (`precision`, `kernelInit`, ...) or a name Linen does not have is an
 * `E_INVALID_ARGUMENT` rather than silently ignored.
 *
 * @example
 * ```ts
 * const a = linenArgs('Dense', DENSE_FIELDS, ['features', 'useBias'], [5, false]); // { features: 5, useBias: false }
 * ```
 */
export function linenArgs<T>(callee: string, params: readonly string[], modelled: readonly string[], args: readonly unknown[]): T {
  const given = pythonArgs(callee, params, args, { keywordOnly: [] });
  for (const [name, value] of Object.entries(given)) {
    if (value === undefined || (value === null && !modelled.includes(name))) continue;
    if (!modelled.includes(name)) {
      throw new InteropError('E_INVALID_ARGUMENT', `${callee}'s "${name}" is not modelled by @interop/linen`, {
        expected: `only ${modelled.join(', ')}`,
        fix: `Leave "${name}" at its default`,
      });
    }
  }
  return given as T;
}

/** The positional-or-keyword name is required: a clear error when it is missing. */
export function required<T>(callee: string, name: string, value: T | undefined): T {
  if (value === undefined) {
    throw new InteropError('E_INVALID_ARGUMENT', `${callee} is missing its required argument "${name}"`, { fix: `Pass ${name} first, as in Python` });
  }
  return value;
}
