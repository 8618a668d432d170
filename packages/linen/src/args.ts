import { flaxArgs } from '@interop/flax';

export { required } from '@interop/flax';

/**
 * Reads a Linen constructor call: `params` are the dataclass fields in declaration order
 * (camelCase), every one positional as in Python; `modelled` are those this package computes.
 * A field we do not model (`precision`, `kernelInit`, ...) or a name Linen does not have is an
 * `E_INVALID_ARGUMENT` rather than silently ignored (`@interop/flax`'s `flaxArgs`).
 *
 * @example
 * ```ts
 * const a = linenArgs('Dense', DENSE_FIELDS, ['features', 'useBias'], [5, false]); // { features: 5, useBias: false }
 * ```
 */
export function linenArgs<T>(callee: string, params: readonly string[], modelled: readonly string[], args: readonly unknown[]): T {
  return flaxArgs<T>({ plugin: '@interop/linen', callee, params, modelled }, args);
}
