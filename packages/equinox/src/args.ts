import { InteropError, pythonArgs } from '@interop/core';
import type { PythonCall } from '@interop/core';

/**
 * The optional part of a Python-style call: any leading run of the positional parameters `P`
 * (those Python declares before `*`), then optionally the keyword object `K`.
 * `Args<[boolean, string], Kw>` accepts `[]`, `[kw]`, `[true]`, `[true, kw]`, `[true, 'x']`,
 * `[true, 'x', kw]`.
 */
export type Args<P extends readonly unknown[], K> = PythonCall<[], P, K>;

/**
 * Reads the optional arguments of an Equinox constructor: `names` may come positionally in
 * Python's order (camelCase), `keywordOnly` (after Python's `*`, e.g. `key`) only by name.
 *
 * @throws {InteropError} E_INVALID_ARGUMENT for too many positionals, a value given twice, or a
 *   keyword Equinox does not have.
 * @example
 * ```ts
 * parseArgs('Linear', ['useBias', 'dtype'], [false, { key }], ['key']); // { useBias: false, key }
 * ```
 */
export function parseArgs<K extends object>(layer: string, names: readonly string[], args: readonly unknown[], keywordOnly: readonly string[] = []): K {
  const given = pythonArgs<Record<string, unknown>>(layer, names, args);
  for (const name of Object.keys(given)) {
    if (!names.includes(name) && !keywordOnly.includes(name)) {
      throw new InteropError('E_INVALID_ARGUMENT', `${layer} got an unexpected keyword argument "${name}"`, {
        expected: [...names, ...keywordOnly].join(', '),
        fix: 'Use the camelCase form of an Equinox argument name (use_bias → useBias)',
      });
    }
  }
  return given as K;
}
