import { Tensor } from '@interop/core';

/** What a BrainState state holds here: one array, or a dict of arrays (`{ weight, bias }`). */
export type StateValue = Tensor | { [key: string]: Tensor };

/**
 * `brainstate.State`: a mutable box around a value that `graph.states` finds by attribute path.
 *
 * @example
 * ```ts
 * const s = new State(Tensor.zeros([3], 'float32'));
 * s.value = Tensor.zeros([3], 'float32');
 * ```
 */
export class State<V extends StateValue = StateValue> {
  constructor(public value: V) {}
}

/**
 * `brainstate.ParamState`: trainable parameters, e.g. Linear's `{ weight, bias }`.
 *
 * @example
 * ```ts
 * new ParamState({ weight: kernel, bias });
 * ```
 */
export class ParamState<V extends StateValue = StateValue> extends State<V> {}

/**
 * `brainstate.nn.NormalizationParamState`: a norm's `{ scale, bias }` (either may be absent).
 *
 * @example
 * ```ts
 * new NormalizationParamState({ scale, bias });
 * ```
 */
export class NormalizationParamState extends ParamState<{ [key: string]: Tensor }> {}

/**
 * `brainstate.BatchState`: BatchNorm's running statistics.
 *
 * @example
 * ```ts
 * new BatchState(Tensor.zeros([1, 3], 'float32'));
 * ```
 */
export class BatchState extends State<Tensor> {}

/**
 * `brainstate.HiddenState`: a recurrent cell's carry (`h`, `c`), created by `initState`.
 *
 * @example
 * ```ts
 * new HiddenState(Tensor.zeros([2, 4], 'float32'));
 * ```
 */
export class HiddenState extends State<Tensor> {}

/**
 * The array at `key` of a dict-valued state, or undefined.
 *
 * @example
 * ```ts
 * entry(linear.weight, 'bias');
 * ```
 */
export function entry(state: State | undefined | null, key: string): Tensor | undefined {
  const v = state?.value;
  if (v === undefined || v instanceof Tensor) return undefined;
  const t = v[key];
  return t instanceof Tensor ? t : undefined;
}
