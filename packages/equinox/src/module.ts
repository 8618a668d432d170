import { Tensor, inferOutputShape } from '@interop/core';
import type { DType, LayerIR } from '@interop/core';
import { runIR } from '@interop/runtime';
import { castTo } from './dtypes.js';
import { toChannelsFirst, toChannelsLast } from './layout.js';
import type { State } from './state.js';

/** A field `tree_flatten` visits: Python's name and the TypeScript property holding it. */
export type TreeField = readonly [python: string, property: string];

/**
 * An Equinox module: an immutable pytree holding its own arrays. `treeFields` lists the
 * non-static fields in declaration order, which is the order `eqx.tree_serialise_leaves`
 * writes their leaves in.
 *
 * @example
 * ```ts
 * const moved = linear.replace({ bias: null }); // a new module; linear is unchanged
 * ```
 */
export abstract class Module {
  /** Python's class name, as in a spec's `type`. */
  abstract readonly type: string;

  /** The non-static fields, in declaration order. */
  abstract treeFields(): readonly TreeField[];

  /** The value of the field held in property `property` (one of {@link Module.treeFields}'). */
  fieldValue(property: string): unknown {
    return (this as unknown as Record<string, unknown>)[property];
  }

  /** A copy with some properties replaced (`eqx.tree_at`), leaving this module unchanged. */
  replace(patch: Record<string, unknown>): this {
    const copy = Object.create(Object.getPrototypeOf(this) as object) as this;
    Object.assign(copy, this, patch);
    return Object.freeze(copy);
  }
}

/** What {@link Layer.toIR} is told. */
export interface ToIROptions {
  /** The model's state (BatchNorm's statistics live there). */
  state?: State;
  /** One example's shape in IR (channels-last) order, when known. */
  inputShape?: readonly number[];
}

/**
 * A module whose forward pass is one IR layer: its call runs that IR through
 * `@interop/runtime` on the example moved channels-last, and moves the result back.
 *
 * @example
 * ```ts
 * const ir = new Linear(3, 5, { key: key(0) }).toIR();
 * ```
 */
export abstract class Layer extends Module {
  /** The layer's IR (channels-last); `inputShape` is one example's IR-order shape. */
  abstract toIR(options?: ToIROptions): LayerIR;

  /** The dtype Equinox returns for input `x`. */
  protected abstract resultDtype(x: Tensor): DType;

  /** One example's output shape (Equinox order) for one example's input shape. */
  outputShape(inputShape: readonly number[], state?: State): number[] {
    const last = inputShape.length < 2 ? [...inputShape] : [...inputShape.slice(1), inputShape[0]!];
    const out = inferOutputShape(this.toIR({ state, inputShape: last }), last);
    return out.length < 2 ? out : [out[out.length - 1]!, ...out.slice(0, -1)];
  }

  /** The forward pass over a batch (axis 0), the other axes in Equinox's order. */
  protected runBatch(xs: Tensor, state?: State): Tensor {
    const x = toChannelsLast(xs, true);
    const y = runIR(this.toIR({ state, inputShape: x.shape.slice(1) }), x);
    return castTo(toChannelsFirst(y, true), this.resultDtype(xs));
  }

  /** The forward pass of one example. */
  protected runOne(x: Tensor, state?: State): Tensor {
    const y = this.runBatch(x.reshape([1, ...x.shape]), state);
    return y.reshape(y.shape.slice(1));
  }
}

/**
 * Whether `v` is one of this package's modules.
 *
 * @example
 * ```ts
 * isModule(new Lambda('relu')); // true
 * ```
 */
export function isModule(v: unknown): v is Module {
  return v instanceof Module;
}
