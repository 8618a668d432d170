import { InteropError, Tensor } from '@interop/core';
import type { DType } from '@interop/core';
import { floatOf } from '../dtypes.js';
import { Layer } from '../module.js';
import { State } from '../state.js';
import type { CallOptions } from './common.js';

/**
 * A norm: computed in float32 (or wider), returned in the input's dtype, and callable with an
 * ignored `state` for interchangeability with BatchNorm, as in Equinox.
 *
 * @example
 * ```ts
 * const [y, same] = norm.call(x, state);
 * ```
 */
export abstract class Norm extends Layer {
  protected resultDtype(x: Tensor): DType {
    return floatOf(x);
  }

  /** Throws unless one example's shape is what the norm accepts. */
  protected abstract checkExample(shape: readonly number[]): void;

  /** `norm(x)`, or `norm(x, state)` returning `[y, state]` unchanged. */
  call(x: Tensor, options?: CallOptions): Tensor;
  call(x: Tensor, state: State, options?: CallOptions): [Tensor, State];
  call(x: Tensor, state?: State | CallOptions, _options?: CallOptions): Tensor | [Tensor, State] {
    this.checkExample(x.shape);
    const y = this.runOne(x);
    return isState(state) ? [y, state] : y;
  }

  /** `jax.vmap(norm)(xs)` (or with an unbatched `state`, returned unchanged). */
  callBatch(xs: Tensor, options?: CallOptions): Tensor;
  callBatch(xs: Tensor, state: State, options?: CallOptions): [Tensor, State];
  callBatch(xs: Tensor, state?: State | CallOptions, _options?: CallOptions): Tensor | [Tensor, State] {
    if (xs.ndim < 1) throw new InteropError('E_SHAPE_MISMATCH', `${this.type} over a batch needs a batch axis`, { found: '[]' });
    this.checkExample(xs.shape.slice(1));
    const y = this.runBatch(xs);
    return isState(state) ? [y, state] : y;
  }
}

/**
 * Whether an argument is a State (rather than the options object).
 *
 * @example
 * ```ts
 * isState(state); // true
 * ```
 */
export function isState(v: unknown): v is State {
  return v instanceof State;
}
