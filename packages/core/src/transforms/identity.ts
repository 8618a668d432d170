import type { Tensor } from '../tensor/tensor.js';
import type { Transform } from './transform.js';

/**
 * The transform that changes nothing: both directions return the very value they are given.
 *
 * @example
 * ```ts
 * new Identity().forward(bias) === bias; // true
 * ```
 */
export class Identity<T = Tensor> implements Transform<T, T> {
  forward(x: T): T {
    return x;
  }

  inverse(y: T): T {
    return y;
  }

  toString(): string {
    return 'Identity()';
  }
}
