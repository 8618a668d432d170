import { inferOutputShape } from '@interop/core';
import type { LayerIR, Tensor } from '@interop/core';
import { State } from './state.js';

/** What a module exposes to `graph.states`: a state, a child module, a list or dict of modules, or nothing. */
export type GraphNode = State | Module | ReadonlyArray<Module> | { readonly [key: string]: Module } | null | undefined;

function isModuleDict(v: unknown): v is { [key: string]: Module } {
  if (v === null || typeof v !== 'object' || Object.getPrototypeOf(v) !== Object.prototype) return false;
  const values = Object.values(v);
  return values.length > 0 && values.some((x) => x instanceof Module);
}

/**
 * `brainstate.nn.Module`: holds its own states (unlike Linen) and computes `call(x)` (Python's
 * `__call__`/`update`). Forward math is the layer's IR run by `@interop/runtime`; `inSize` and
 * `outSize` are the unbatched sizes as BrainState records them.
 *
 * @example
 * ```ts
 * const layer = new nn.Linear(3, 5);
 * layer.call(x); layer.inSize; // [3]
 * ```
 */
export abstract class Module {
  /** Python's class name, as in a spec's `type`. */
  abstract readonly type: string;
  /** `in_size`: the unbatched input size, when the layer records it. */
  inSize: number[] | undefined = undefined;
  /** `out_size`: the unbatched output size, when the layer records it. */
  outSize: number[] | undefined = undefined;

  /** Python's `__call__`: the forward pass. */
  abstract call(x: Tensor): Tensor;

  /** The layer's IR; `inputShape` is the unbatched input shape when known. */
  abstract toIR(inputShape?: readonly number[]): LayerIR;

  /**
   * `[python attribute name, node]` for the attributes `graph.states` walks. By default every own
   * property holding a state, a module, or a list or dict of modules, as BrainState walks
   * `vars(module)`; the built-in layers list theirs under Python's names.
   */
  graphNodes(): Array<[string, GraphNode]> {
    const out: Array<[string, GraphNode]> = [];
    for (const [name, v] of Object.entries(this)) {
      if (v instanceof State || v instanceof Module) out.push([name, v]);
      else if (Array.isArray(v) && v.some((x) => x instanceof Module)) out.push([name, v.filter((x) => x instanceof Module) as Module[]]);
      else if (isModuleDict(v)) out.push([name, v]);
    }
    return out;
  }

  /** `init_state(batch_size)`: creates hidden states (cells); a no-op elsewhere. */
  initState(_batchSize?: number): void {}

  /** `reset_state(batch_size)`: resets hidden states (cells); a no-op elsewhere. */
  resetState(batchSize?: number): void {
    this.initState(batchSize);
  }

  /** The unbatched output shape for an unbatched input shape. */
  outputShape(inputShape: readonly number[]): number[] {
    return inferOutputShape(this.toIR(inputShape), [...inputShape]);
  }
}

/**
 * `brainstate.nn.ElementWiseBlock`: a stateless elementwise layer (activations, Dropout); a
 * Sequential passes the size through it.
 *
 * @example
 * ```ts
 * new nn.ReLU() instanceof ElementWiseBlock; // true
 * ```
 */
export abstract class ElementWiseBlock extends Module {}
