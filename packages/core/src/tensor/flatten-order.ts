import type { Tensor } from './tensor.js';
import { transpose } from './layout.js';

/** How a framework lays out a flattened feature map: `[...spatial, C]` (channels-last) or `[C, ...spatial]`. */
export type FlattenOrder = 'channels-last' | 'channels-first';

/**
 * Reorders the input rows of a dense kernel `[in, out]` that reads a flattened feature map of
 * channels-last shape `mapShape` (`[...spatial, C]`, `in` = their product) from one flatten order
 * to the other. Equinox flattens `C·H·W`, Flax and BrainState `H·W·C`.
 *
 * @example
 * ```ts
 * reorderFlattenedRows(kernel, [3, 2, 4], 'channels-first', 'channels-last'); // rows (c*3+h)*2+w → (h*2+w)*4+c
 * ```
 */
export function reorderFlattenedRows<T extends Tensor>(kernel: T, mapShape: readonly number[], from: FlattenOrder, to: FlattenOrder): T {
  if (from === to) return kernel;
  const out = kernel.shape[1]!;
  const spatial = mapShape.slice(0, -1);
  const channels = mapShape[mapShape.length - 1]!;
  const n = spatial.length;
  if (from === 'channels-first') {
    // [C, ...S, out] → [...S, C, out]
    const perm = [...spatial.map((_, i) => i + 1), 0, n + 1];
    return transpose(kernel.reshape([channels, ...spatial, out]) as T, perm).reshape([kernel.shape[0]!, out]) as T;
  }
  // [...S, C, out] → [C, ...S, out]
  const perm = [n, ...spatial.map((_, i) => i), n + 1];
  return transpose(kernel.reshape([...spatial, channels, out]) as T, perm).reshape([kernel.shape[0]!, out]) as T;
}
