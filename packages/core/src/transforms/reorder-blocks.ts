import { InteropError } from '../errors/interop-error.js';
import { concat, invertPermutation, isPermutation, normalizeAxis, split } from '../tensor/layout.js';
import type { Tensor } from '../tensor/tensor.js';
import type { Transform } from './transform.js';
import { showList } from './transform.js';

function reorder(x: Tensor, axis: number, order: readonly number[]): Tensor {
  const ax = normalizeAxis(axis, x.ndim);
  const length = x.shape[ax]!;
  if (length % order.length !== 0) {
    throw new InteropError('E_SHAPE_MISMATCH', `Axis ${ax} cannot be cut into ${order.length} equal blocks`, {
      found: `length ${length}`,
    });
  }
  const blocks = split(x, ax, new Array<number>(order.length).fill(length / order.length));
  return concat(
    order.map((i) => blocks[i]!),
    ax,
  );
}

/**
 * Cuts one axis into `order.length` equal blocks and puts block `order[p]` at position `p`;
 * the inverse applies the argsort of `order`. Used for gate orders of recurrent cells (e.g.
 * `[i, g, f, o]` ↔ `[i, f, g, o]` is `order = [0, 2, 1, 3]`, which is its own inverse).
 *
 * @throws {InteropError} E_INVALID_ARGUMENT when `order` is not a permutation; E_SHAPE_MISMATCH
 *   when the axis length is not a multiple of the block count.
 * @example
 * ```ts
 * new ReorderBlocks(-1, [0, 2, 1, 3]).forward(Tensor.fromArray([0, 1, 2, 3], [4], 'int32')).toArray();
 * // [0, 2, 1, 3]
 * ```
 */
export class ReorderBlocks implements Transform {
  readonly axis: number;
  readonly order: readonly number[];
  /** The order that undoes `order`. */
  readonly inverseOrder: readonly number[];

  constructor(axis: number, order: readonly number[]) {
    if (order.length === 0 || !isPermutation(order)) {
      throw new InteropError('E_INVALID_ARGUMENT', 'ReorderBlocks needs a permutation of the block indices', {
        found: order,
      });
    }
    this.axis = axis;
    this.order = Object.freeze([...order]);
    this.inverseOrder = Object.freeze(invertPermutation(order));
  }

  forward(x: Tensor): Tensor {
    return reorder(x, this.axis, this.order);
  }

  inverse(y: Tensor): Tensor {
    return reorder(y, this.axis, this.inverseOrder);
  }

  toString(): string {
    return `ReorderBlocks(axis=${this.axis}, order=${showList(this.order)})`;
  }
}
