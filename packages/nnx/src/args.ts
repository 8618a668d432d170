import { flaxArgs } from '@interop/flax';

export { required } from '@interop/flax';

/**
 * Reads an NNX constructor call: `params` are `__init__`'s parameters in declaration order
 * (camelCase); the first `positional` of them may come positionally, the rest only by keyword,
 * as after Python's `*`. `modelled` are those this package computes; any other NNX parameter
 * given with a value, or a name NNX does not have, is an `E_INVALID_ARGUMENT` (`@interop/flax`'s
 * `flaxArgs`).
 *
 * @example
 * ```ts
 * const a = nnxArgs('Linear', ['inFeatures', 'outFeatures', 'useBias', 'rngs'], 2, ['inFeatures', 'outFeatures', 'useBias', 'rngs'], [3, 5, { rngs }]);
 * ```
 */
export function nnxArgs<T>(
  callee: string,
  params: readonly string[],
  positional: number,
  modelled: readonly string[],
  args: readonly unknown[],
): T {
  return flaxArgs<T>({ plugin: '@interop/nnx', callee, params, positional, modelled }, args);
}
