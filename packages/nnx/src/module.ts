import { InteropError, Tensor } from '@interop/core';
import type { LayerIR } from '@interop/core';
import { FlaxModule } from '@interop/flax';
import { runIR } from '@interop/runtime';
import { castTo, resultDtype } from './dtypes.js';
import { Variable } from './variables.js';

/**
 * An NNX module: it owns its state (`Param`, `BatchStat` attributes, child modules), created
 * by the constructor from `rngs`; its class name and dtypes are `@interop/flax`'s `FlaxModule`. `call(...)` is Python's `__call__`; forward math is the
 * layer's IR run by `@interop/runtime`. `Args` are `__call__`'s arguments, `Out` its result.
 *
 * @example
 * ```ts
 * const linear = new Linear(4, 8, { rngs: new Rngs(0) });
 * const y = linear.call(x);
 * ```
 */
export abstract class Module<Args extends unknown[] = [x: Tensor], Out = Tensor> extends FlaxModule {
  /** The layer's IR from its current state, for an unbatched input shape (when known). */
  abstract toIR(inputShape?: readonly number[]): LayerIR;

  /** Every array this module owns directly (for dtype promotion). */
  protected ownArrays(): Tensor[] {
    return Object.values(this)
      .filter((v): v is Variable => v instanceof Variable)
      .map((v) => v.value);
  }

  /** `model(x)`: the input's leading axis is its batch. */
  call(...args: Args): Out {
    const x = requireTensor(args[args.length - 1], `${this.type}.call`);
    const y = runIR(this.toIR(x.shape.slice(1)), x);
    return castTo(y, resultDtype(this.dtype, [x, ...this.ownArrays()])) as Out;
  }

  /** `model.eval()`: every BatchNorm uses its running averages and every Dropout is off. */
  eval(): this {
    for (const m of modulesOf(this)) (m as { setMode?: (training: boolean) => void }).setMode?.(false);
    return this;
  }

  /** `model.train()`: the opposite of {@link Module.eval}. */
  train(): this {
    for (const m of modulesOf(this)) (m as { setMode?: (training: boolean) => void }).setMode?.(true);
    return this;
  }
}

/**
 * Any NNX module, whatever its call signature.
 *
 * @example
 * ```ts
 * const modules: AnyModule[] = [new Linear(2, 3, { rngs }), new LSTMCell(2, 3, { rngs })];
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the common supertype of all call signatures
export type AnyModule = Module<any, any>;

/**
 * A module whose graph attributes are not its own properties (a `ModuleTree` keeps its children
 * in a record, so that a child may be called `name` or `forward`) returns them from this method.
 *
 * @example
 * ```ts
 * graphChildren(tree); // reads tree[GRAPH_NODES]() instead of the tree's own properties
 * ```
 */
export const GRAPH_NODES: unique symbol = Symbol('nnx.graphNodes');

/**
 * A module's graph children in NNX's order (attribute names sorted; list items by index):
 * variables, modules, and lists of them (`Sequential.layers`).
 *
 * @example
 * ```ts
 * graphChildren(new Sequential(a, relu, b)); // [['layers', [a, relu, b]]]
 * ```
 */
export function graphChildren(node: object): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  const own = (node as { [GRAPH_NODES]?: () => Readonly<Record<string, unknown>> })[GRAPH_NODES]?.() ?? node;
  const keys = Array.isArray(own) ? own.map((_, i) => String(i)) : Object.keys(own).sort();
  for (const k of keys) {
    const v = (own as Record<string, unknown>)[k];
    if (v instanceof Variable || v instanceof Module || (Array.isArray(v) && v.some((x) => x instanceof Module || x instanceof Variable)))
      out.push([k, v]);
  }
  return out;
}

/** Every module in the graph, the root first. */
export function modulesOf(root: AnyModule): AnyModule[] {
  const out: AnyModule[] = [];
  const walk = (n: unknown) => {
    if (n instanceof Module) out.push(n);
    if (n instanceof Module || Array.isArray(n)) for (const [, c] of graphChildren(n)) walk(c);
  };
  walk(root);
  return out;
}

/**
 * The value, checking it is a Tensor (a call's input or carry).
 *
 * @throws {InteropError} E_INVALID_ARGUMENT naming the call.
 * @example
 * ```ts
 * const x = requireTensor(input, 'Linear.call');
 * ```
 */
export function requireTensor(value: unknown, what: string): Tensor {
  if (!(value instanceof Tensor)) {
    throw new InteropError('E_INVALID_ARGUMENT', `${what} takes a Tensor`, {
      found: Array.isArray(value) ? 'an array' : typeof value,
      fix: 'Wrap the data with Tensor.fromArray(data, shape, dtype)',
    });
  }
  return value;
}

/** The module, checking it is one. */
export function requireModule(value: unknown, what: string): AnyModule {
  if (!(value instanceof Module)) throw new InteropError('E_INVALID_ARGUMENT', `${what} must be an NNX Module`, { found: typeof value });
  return value;
}
