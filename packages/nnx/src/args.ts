import { InteropError, pythonArgs } from '@interop/core';

/**
 * Reads an NNX constructor call: `params` are `__init__`'s parameters in declaration order
 * (camelCase); the first `positional` of them may come positionally, the rest only by keyword,
 * as after Python's `*`. `modelled` are those this package computes; any other NNX parameter
 * given with a value, or a name NNX does not have, is an `E_INVALID_ARGUMENT`.
 *
 * @example
 * ```ts
 * const a = nnxArgs('Linear', ['inFeatures', 'outFeatures', 'useBias', 'rngs'], 2, ['inFeatures', 'outFeatures', 'useBias', 'rngs'], [3, 5, { rngs }]);
 * ```
 */
export function nnxArgs<T>(callee: string, params: readonly string[], positional: number, modelled: readonly string[], args: readonly unknown[]): T {
  const given = pythonArgs(callee, params.slice(0, positional), args, { keywordOnly: params.slice(positional) });
  for (const [name, value] of Object.entries(given)) {
    if (value === undefined || (value === null && !modelled.includes(name))) continue;
    if (!modelled.includes(name)) {
      throw new InteropError('E_INVALID_ARGUMENT', `${callee}'s "${name}" is not modelled by @interop/nnx`, {
        expected: `only ${modelled.join(', ')}`,
        fix: `Leave "${name}" at its default`,
      });
    }
  }
  return given as T;
}

/** A required argument: a clear error when it is missing. */
export function required<T>(callee: string, name: string, value: T | undefined): T {
  if (value === undefined) {
    throw new InteropError('E_INVALID_ARGUMENT', `${callee} is missing its required argument "${name}"`, { fix: `Pass ${name} as in Python` });
  }
  return value;
}
