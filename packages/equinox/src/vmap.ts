import { InteropError } from '@interop/core';
import type { Tensor } from '@interop/core';
import type { Module } from './module.js';

/** A module with a batched call (every layer of this package has one). */
interface Batched {
  callBatch(xs: Tensor, ...rest: never[]): unknown;
}

/**
 * `jax.vmap(model)(xs, ...)`: the per-example call mapped over axis 0 of `xs` (and of a cell's
 * carry); a State, when given, is shared by every example (`in_axes=(0, None)`) and comes back
 * with the outputs as `[ys, state]`, as `jax.vmap(model, axis_name='batch', in_axes=(0, None),
 * out_axes=(0, None))` does in inference. Layout: each example keeps Equinox's channels-first
 * order, so a batch of images is `(N, C, H, W)`.
 *
 * @throws {InteropError} E_INVALID_ARGUMENT for a value that is not one of this package's modules;
 *   the layer's own errors for a batch of the wrong shape.
 * @example
 * ```ts
 * const ys = vmapCall(linear, xs); // xs (N, 3) → ys (N, 5)
 * const [zs, state2] = vmapCall(bn, images, state) as [Tensor, State];
 * const [h, c] = vmapCall(lstm, xs, [h0, c0]) as [Tensor, Tensor];
 * ```
 */
export function vmapCall(model: Module, xs: Tensor, ...rest: unknown[]): unknown {
  const fn = (model as unknown as Partial<Batched>).callBatch;
  if (typeof fn !== 'function') {
    throw new InteropError('E_INVALID_ARGUMENT', 'vmapCall takes an @interop/equinox layer', {
      found: String((model as { type?: string })?.type ?? typeof model),
    });
  }
  return (fn as (xs: Tensor, ...r: unknown[]) => unknown).call(model, xs, ...rest);
}
