import { InteropError } from '../errors/interop-error.js';
import { invertPermutation, isPermutation, transpose } from '../tensor/layout.js';
import type { Tensor } from '../tensor/tensor.js';
import type { Transform } from './transform.js';
import { showList } from './transform.js';

/**
 * Permutes axes: forward is `numpy.transpose(x, perm)`, inverse transposes by the argsort of
 * `perm`. Used for kernel layouts such as HWIO (Flax) versus OIHW (Equinox).
 *
 * @throws {InteropError} E_INVALID_ARGUMENT when `perm` is not a permutation.
 * @example
 * ```ts
 * const t = new Transpose([2, 0, 1]);
 * t.forward(Tensor.zeros([2, 3, 4], 'float32')).shape; // [4, 2, 3]
 * t.inversePerm; // [1, 2, 0]
 * ```
 */
export class Transpose implements Transform {
  /** Output axis `i` is input axis `perm[i]`. */
  readonly perm: readonly number[];
  /** The permutation that undoes `perm` (its argsort). */
  readonly inversePerm: readonly number[];

  constructor(perm: readonly number[]) {
    if (!isPermutation(perm)) {
      throw new InteropError('E_INVALID_ARGUMENT', 'Transpose needs a permutation', {
        expected: `each of 0..${perm.length - 1} once`,
        found: perm,
      });
    }
    this.perm = Object.freeze([...perm]);
    this.inversePerm = Object.freeze(invertPermutation(perm));
  }

  forward(x: Tensor): Tensor {
    return transpose(x, this.perm);
  }

  inverse(y: Tensor): Tensor {
    return transpose(y, this.inversePerm);
  }

  toString(): string {
    return `Transpose(${showList(this.perm)})`;
  }
}

/**
 * Another name for {@link Transpose}, as the Python anchor calls it.
 *
 * @example
 * ```ts
 * new PermuteAxes([0, 3, 1, 2]); // NHWC -> NCHW
 * ```
 */
export const PermuteAxes = Transpose;
/** Another name for {@link Transpose}. */
export type PermuteAxes = Transpose;
