import type { Tensor } from './tensor.js';
import type { TensorSource } from './tensor-source.js';

/**
 * What a lazy tensor is, before its values exist: its source, or one layout step away from an
 * input tensor (itself lazy or in memory). Element order is C order throughout.
 */
export type PendingOp =
  | { readonly op: 'source'; readonly source: TensorSource }
  | { readonly op: 'reshape'; readonly input: Tensor }
  | { readonly op: 'permute'; readonly input: Tensor; readonly perm: readonly number[] }
  | { readonly op: 'slice'; readonly input: Tensor; readonly axis: number; readonly start: number; readonly stop: number }
  | { readonly op: 'concat'; readonly inputs: readonly Tensor[]; readonly axis: number }
  | { readonly op: 'add-scalar'; readonly input: Tensor; readonly constant: number | bigint };

// Note: kept beside the tensors rather than on them, so that a lazy tensor has the same own
// enumerable properties (dtype, shape, data) as an eager one and compares equal to it in tests.
const ORIGIN = new WeakMap<Tensor, PendingOp>();
const LOADED = new WeakSet<Tensor>();

/** Records how a lazily created tensor is computed. */
export function setOrigin(t: Tensor, op: PendingOp): void {
  ORIGIN.set(t, op);
}

/** How a lazily created tensor is computed, or `undefined` for a tensor built from values. */
export function originOf(t: Tensor): PendingOp | undefined {
  return ORIGIN.get(t);
}

/** The pending step of a tensor whose values are not in memory, or `undefined` when they are. */
export function pendingOf(t: Tensor): PendingOp | undefined {
  return LOADED.has(t) ? undefined : ORIGIN.get(t);
}

/** Marks a lazy tensor's values as held in memory (`true`) or released again (`false`). */
export function markLoaded(t: Tensor, loaded: boolean): void {
  if (loaded) LOADED.add(t);
  else LOADED.delete(t);
}
