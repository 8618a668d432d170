import { InteropError } from '../errors/interop-error.js';
import { concat, split } from '../tensor/layout.js';
import type { Tensor } from '../tensor/tensor.js';
import type { Transform } from './transform.js';
import { showList } from './transform.js';

/**
 * Forward cuts one axis into consecutive parts of the given sizes; inverse concatenates the parts
 * again. Used where one framework fuses weights that another keeps apart (e.g. an LSTM's fused
 * `[in + h, 4h]` kernel versus separate input and hidden kernels).
 *
 * @throws {InteropError} E_SHAPE_MISMATCH when the sizes do not fit the axis, or the inverse gets
 *   a different number of parts.
 * @example
 * ```ts
 * new SplitConcat(0, [3, 7]).forward(Tensor.zeros([10, 4], 'float32')).map((t) => t.shape);
 * // [[3, 4], [7, 4]]
 * ```
 */
export class SplitConcat implements Transform<Tensor, Tensor[]> {
  readonly axis: number;
  readonly sizes: readonly number[];

  constructor(axis: number, sizes: readonly number[]) {
    if (sizes.length === 0 || sizes.some((s) => !Number.isInteger(s) || s < 0)) {
      throw new InteropError('E_INVALID_ARGUMENT', 'SplitConcat needs non-negative integer sizes', { found: sizes });
    }
    this.axis = axis;
    this.sizes = Object.freeze([...sizes]);
  }

  forward(x: Tensor): Tensor[] {
    return split(x, this.axis, this.sizes);
  }

  inverse(parts: Tensor[]): Tensor {
    if (parts.length !== this.sizes.length) {
      throw new InteropError('E_SHAPE_MISMATCH', 'SplitConcat.inverse got the wrong number of parts', {
        expected: this.sizes.length,
        found: parts.length,
      });
    }
    return concat(parts, this.axis);
  }

  toString(): string {
    return `SplitConcat(axis=${this.axis}, sizes=${showList(this.sizes)})`;
  }
}
