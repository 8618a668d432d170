import { transpose } from '@interop/core';
import type { Tensor } from '@interop/core';

/**
 * The IR layout of an Equinox array: an example of rank 2 or more is channels-first
 * `(C, *spatial)` in Equinox and channels-last `(*spatial, C)` in the IR; rank 0 and 1 are the
 * same in both. `batched` says whether axis 0 is a batch axis (left in place).
 *
 * @example
 * ```ts
 * toChannelsLast(x, true).shape; // [8, 32, 32, 3] for x of shape [8, 3, 32, 32]
 * ```
 */
export function toChannelsLast(x: Tensor, batched = false): Tensor {
  const lead = batched ? 1 : 0;
  const rank = x.ndim - lead;
  if (rank < 2) return x;
  const perm = [...Array(lead).keys(), ...Array.from({ length: rank - 1 }, (_, i) => lead + 1 + i), lead];
  return transpose(x, perm);
}

/**
 * The inverse of {@link toChannelsLast}: `(*spatial, C)` back to Equinox's `(C, *spatial)`.
 *
 * @example
 * ```ts
 * toChannelsFirst(y, true).shape; // [8, 3, 32, 32] for y of shape [8, 32, 32, 3]
 * ```
 */
export function toChannelsFirst(x: Tensor, batched = false): Tensor {
  const lead = batched ? 1 : 0;
  const rank = x.ndim - lead;
  if (rank < 2) return x;
  const perm = [...Array(lead).keys(), x.ndim - 1, ...Array.from({ length: rank - 1 }, (_, i) => lead + i)];
  return transpose(x, perm);
}

/**
 * A per-example shape in IR order: `(C, H, W)` becomes `[H, W, C]`.
 *
 * @example
 * ```ts
 * shapeChannelsLast([3, 32, 32]); // [32, 32, 3]
 * ```
 */
export function shapeChannelsLast(shape: readonly number[]): number[] {
  return shape.length < 2 ? [...shape] : [...shape.slice(1), shape[0]!];
}

/**
 * A per-example IR shape in Equinox order: `[H, W, C]` becomes `(C, H, W)`.
 *
 * @example
 * ```ts
 * shapeChannelsFirst([32, 32, 3]); // [3, 32, 32]
 * ```
 */
export function shapeChannelsFirst(shape: readonly number[]): number[] {
  return shape.length < 2 ? [...shape] : [shape[shape.length - 1]!, ...shape.slice(0, -1)];
}
