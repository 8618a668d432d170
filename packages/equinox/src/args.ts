import { pythonArgs } from '@interop/core';
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
export function parseArgs<K extends object>(
  layer: string,
  names: readonly string[],
  args: readonly unknown[],
  keywordOnly: readonly string[] = [],
): K {
  return pythonArgs<K>(layer, names, args, { keywordOnly });
}
