import { InteropError } from '@interop/core';
import type { LayerIR, Tensor } from '@interop/core';
import type { LinenRngScope } from '../rng-scope.js';
import { Module } from '../module.js';
import type { Variables, VariableTree } from '../variables.js';

/**
 * The variables of a Sequential's child at `name` (`layers_<i>`), per collection.
 *
 * @example
 * ```ts
 * childVariables(variables, 'layers_2'); // { params: {...}, batch_stats: {...} } of layers_2
 * ```
 */
export function childVariables(variables: Variables, name: string): Variables {
  const out: Variables = {};
  for (const [collection, tree] of Object.entries(variables)) {
    const sub = tree[name];
    if (sub !== undefined && !(sub as { shape?: unknown }).shape) out[collection] = sub as VariableTree;
  }
  return out;
}

/**
 * `flax.linen.Sequential`: children named `layers_<i>`, `i` the position in `layers`.
 *
 * @example
 * ```ts
 * const mlp = new Sequential([new Dense(8), new LayerNorm(), new Dense(2)]);
 * const y = mlp.apply(mlp.init(key(0), x), x);
 * ```
 */
export class Sequential extends Module {
  readonly type = 'Sequential';

  constructor(readonly layers: readonly Module[]) {
    super();
    if (layers.length === 0) throw new InteropError('E_INVALID_ARGUMENT', 'Sequential needs at least one layer');
  }

  /** `[name, module]` pairs in forward order. */
  named(): Array<[string, Module]> {
    return this.layers.map((m, i) => [`layers_${i}`, m]);
  }

  initVariables(scope: LinenRngScope, inputShape: readonly number[]): Variables {
    const out: Variables = {};
    let shape = [...inputShape];
    for (const [name, m] of this.named()) {
      const v = m.initVariables(scope.child(name), shape);
      for (const [c, tree] of Object.entries(v)) (out[c] ??= {})[name] = tree;
      shape = m.outputShape(v, shape);
    }
    return out;
  }

  override outputShape(variables: Variables, inputShape: readonly number[]): number[] {
    return this.named().reduce((shape, [name, m]) => m.outputShape(childVariables(variables, name), shape), [...inputShape]);
  }

  toIR(): LayerIR {
    throw new InteropError('E_UNSUPPORTED_STRUCTURE', 'a Sequential has no single-layer IR; convert it through the registry');
  }

  override apply(variables: Variables, x: Tensor): Tensor {
    return this.named().reduce((y, [name, m]) => m.apply(childVariables(variables, name), y), x);
  }
}
