import { InteropError, Tensor } from '@interop/core';
import { Module } from './module.js';

/** What a `StateIndex` holds: an array, or a tuple of arrays (BatchNorm's `(mean, var)`). */
export type StateValue = Tensor | readonly Tensor[];

/**
 * `eqx.nn.StateIndex`: a key into a {@link State}, created by a stateful layer with its
 * initial value. Copies of a module share it, as Equinox's `marker` does.
 *
 * @example
 * ```ts
 * const index = new StateIndex(Tensor.zeros([], 'int32'));
 * ```
 */
export class StateIndex<T extends StateValue = StateValue> {
  /** Identity of the index, kept by copies. */
  readonly marker: object = Object.freeze({});
  constructor(readonly init: T) {}
}

function visitIndices(tree: unknown, out: StateIndex[]): void {
  if (tree instanceof StateIndex) out.push(tree);
  else if (Array.isArray(tree)) tree.forEach((t) => visitIndices(t, out));
  else if (tree instanceof Module) for (const [, prop] of tree.treeFields()) visitIndices(tree.fieldValue(prop), out);
}

/**
 * `eqx.nn.State`: the values of a model's `StateIndex`es, in the model's leaf order (the order
 * they are saved in). Immutable: `set` returns a new State.
 *
 * @example
 * ```ts
 * const [model, state] = makeWithState(BatchNorm)(3, 'batch', { mode: 'batch' });
 * const [y, state2] = model.call(x, state);
 * ```
 */
export class State {
  readonly #values: Map<object, StateValue>;

  /** Collects the initial value of every `StateIndex` in `model` (as `make_with_state` does). */
  constructor(model: unknown) {
    if (model instanceof Built) {
      this.#values = model.values;
      return;
    }
    const indices: StateIndex[] = [];
    visitIndices(model, indices);
    this.#values = new Map(indices.map((i) => [i.marker, i.init]));
  }

  /** The value at `index`. */
  get<T extends StateValue>(index: StateIndex<T>): T {
    if (!this.#values.has(index.marker)) {
      throw new InteropError('E_INVALID_ARGUMENT', "This State has no entry for the layer's StateIndex", {
        fix: 'Pass the State made with this model (makeWithState, or the state read with it from the file)',
      });
    }
    return this.#values.get(index.marker) as T;
  }

  /** A new State with `index` set to `value`. */
  set<T extends StateValue>(index: StateIndex<T>, value: T): State {
    this.get(index);
    return new State(new Built(new Map(this.#values).set(index.marker, value)));
  }

  /** How many entries the State holds (0 for a model without stateful layers). */
  get size(): number {
    return this.#values.size;
  }

  /** The values in save order. */
  values(): StateValue[] {
    return [...this.#values.values()];
  }

  /** The (marker, value) pairs in save order. */
  entries(): Array<[object, StateValue]> {
    return [...this.#values.entries()];
  }

  /** A State with the same keys and `values` in save order (for `treeDeserialiseLeaves`). */
  withValues(values: readonly StateValue[]): State {
    const keys = [...this.#values.keys()];
    if (values.length !== keys.length) {
      throw new InteropError('E_INVALID_ARGUMENT', `State holds ${keys.length} entries, got ${values.length} values`);
    }
    return new State(new Built(new Map(keys.map((k, i) => [k, values[i]!]))));
  }
}

/**
 * One State holding the entries of `states` in order (a Sequential assembled from layers built
 * separately, each with its own State).
 *
 * @example
 * ```ts
 * const state = mergeStates([bn1State, bn2State]);
 * ```
 */
export function mergeStates(states: readonly State[]): State {
  const all = new Map<object, StateValue>();
  for (const s of states) for (const [k, v] of s.entries()) all.set(k, v);
  return new State(new Built(all));
}

// The constructor's private route for a State built from another one's values.
class Built {
  constructor(readonly values: Map<object, StateValue>) {}
}

/**
 * `eqx.nn.make_with_state(Cls)(*args)`: builds the model and its initial {@link State}.
 *
 * @example
 * ```ts
 * const [bn, state] = makeWithState(BatchNorm)(3, 'batch', { mode: 'batch' });
 * ```
 */
export function makeWithState<A extends unknown[], M>(cls: new (...args: A) => M): (...args: A) => [M, State] {
  return (...args: A) => {
    const model = new cls(...args);
    return [model, new State(model)];
  };
}
