import { InteropError } from '@interop/core';
import type { Tensor } from '@interop/core';
import { split } from '@interop/runtime';
import type { KeyLike } from '@interop/runtime';
import { Module } from '../module.js';
import type { TreeField } from '../module.js';
import { State } from '../state.js';
import { BatchNorm } from './batch-norm.js';

/** A layer a Sequential can hold: called on one tensor (and a State when stateful). */
export interface SequentialLayer extends Module {
  call(x: Tensor, ...rest: never[]): unknown;
  callBatch(x: Tensor, ...rest: never[]): unknown;
}

type AnyCall = (x: Tensor, ...rest: unknown[]) => unknown;

/**
 * `eqx.nn.Sequential(layers)`: calls its layers in order; with a `state`, stateful layers
 * (BatchNorm) take and return it and the call returns `[y, state]`. A `key` is split into one
 * key per layer, as Equinox does.
 *
 * @example
 * ```ts
 * const mlp = new Sequential([new Linear(3, 8, { key: k1 }), new Lambda('relu'), new Linear(8, 2, { key: k2 })]);
 * mlp.call(x);
 * ```
 */
export class Sequential extends Module {
  declare readonly layers: readonly SequentialLayer[];

  constructor(layers: readonly SequentialLayer[]) {
    super();
    if (!Array.isArray(layers) || layers.some((l) => !(l instanceof Module))) {
      throw new InteropError('E_INVALID_ARGUMENT', 'Sequential takes a list of modules (wrap functions in Lambda)');
    }
    Object.assign(this, { layers: Object.freeze([...layers]) });
    Object.freeze(this);
  }

  get type(): string {
    return 'Sequential';
  }

  treeFields(): readonly TreeField[] {
    return [['layers', 'layers']];
  }

  /** Whether any layer keeps state (`is_stateful`). */
  isStateful(): boolean {
    return this.layers.some((l) => l instanceof BatchNorm || (l instanceof Sequential && l.isStateful()));
  }

  /** `seq(x, key=...)`, or `seq(x, state)` returning `[y, state]`. */
  call(x: Tensor, options?: { key?: KeyLike | null }): Tensor;
  call(x: Tensor, state: State, options?: { key?: KeyLike | null }): [Tensor, State];
  call(x: Tensor, stateOrOptions?: State | { key?: KeyLike | null }, options?: { key?: KeyLike | null }): Tensor | [Tensor, State] {
    return this.run(x, stateOrOptions, options, false);
  }

  /** `jax.vmap(seq)(xs)`, or with an unbatched state `[ys, state]`. */
  callBatch(xs: Tensor, options?: { key?: KeyLike | null }): Tensor;
  callBatch(xs: Tensor, state: State, options?: { key?: KeyLike | null }): [Tensor, State];
  callBatch(xs: Tensor, stateOrOptions?: State | { key?: KeyLike | null }, options?: { key?: KeyLike | null }): Tensor | [Tensor, State] {
    return this.run(xs, stateOrOptions, options, true);
  }

  private run(
    x: Tensor,
    stateOrOptions: State | { key?: KeyLike | null } | undefined,
    options: { key?: KeyLike | null } | undefined,
    batched: boolean,
  ): Tensor | [Tensor, State] {
    let state = stateOrOptions instanceof State ? stateOrOptions : undefined;
    const key = (stateOrOptions instanceof State ? options : stateOrOptions)?.key ?? null;
    const keys = key === null ? this.layers.map(() => null) : (split(key, this.layers.length).unstack() as KeyLike[]);
    let y: Tensor = x;
    this.layers.forEach((layer, i) => {
      const fn = (batched ? layer.callBatch : layer.call).bind(layer) as AnyCall;
      const stateful = layer instanceof BatchNorm || (layer instanceof Sequential && layer.isStateful());
      if (stateful) {
        if (!state)
          throw new InteropError(
            'E_INVALID_ARGUMENT',
            `Sequential layer ${i} (${layer.type}) is stateful: call the Sequential with its State`,
          );
        [y, state] = fn(y, state, { key: keys[i] }) as [Tensor, State];
      } else {
        y = fn(y, { key: keys[i] }) as Tensor;
      }
    });
    return state ? [y, state] : y;
  }
}
