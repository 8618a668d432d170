import { InteropError, pythonArgs } from '@interop/core';

/** How a Flax package reads one constructor's Python-style call (see {@link flaxArgs}). */
export interface FlaxCall {
  /** The package that models the layer, as messages name it (`@interop/linen`). */
  plugin: string;
  /** The class, as messages name it (`Dense`). */
  callee: string;
  /** The constructor's parameters in declaration order (camelCase), every one Flax has. */
  params: readonly string[];
  /**
   * How many of `params` may come positionally; the rest are keyword-only, as after Python's `*`
   * (an NNX `__init__`), and a keyword that is not a parameter is refused. Absent: all of them
   * may (a Linen dataclass).
   */
  positional?: number;
  /** The parameters this package computes; any other given a value is refused. */
  modelled: readonly string[];
}

/**
 * Reads a Flax constructor call: positionals in `params` order and a final keyword object, as
 * Python takes them (`pythonArgs`). A parameter Flax has but the package does not model
 * (`precision`, `kernelInit`, ...), given a value, or a name Flax does not have, is an
 * `E_INVALID_ARGUMENT` rather than silently ignored; null counts as not given for those.
 *
 * @throws {InteropError} E_INVALID_ARGUMENT for an unmodelled or unknown argument, and the call
 *   errors of `pythonArgs`.
 * @example
 * ```ts
 * const a = flaxArgs<{ features?: number }>({ plugin: '@interop/linen', callee: 'Dense', params: ['features', 'useBias'], modelled: ['features', 'useBias'] }, [5]);
 * ```
 */
export function flaxArgs<T>(call: FlaxCall, args: readonly unknown[]): T {
  const { plugin, callee, params, positional, modelled } = call;
  const given =
    positional === undefined
      ? pythonArgs(callee, params, args, { keywordOnly: [] })
      : pythonArgs(callee, params.slice(0, positional), args, { keywordOnly: params.slice(positional) });
  for (const [name, value] of Object.entries(given)) {
    if (value === undefined || (value === null && !modelled.includes(name))) continue;
    if (!modelled.includes(name)) {
      throw new InteropError('E_INVALID_ARGUMENT', `${callee}'s "${name}" is not modelled by ${plugin}`, {
        expected: `only ${modelled.join(', ')}`,
        fix: `Leave "${name}" at its default`,
      });
    }
  }
  return given as T;
}

/**
 * A required argument: a clear error when it is missing.
 *
 * @throws {InteropError} E_INVALID_ARGUMENT naming the callee and the argument.
 * @example
 * ```ts
 * this.features = required('Dense', 'features', a.features);
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
