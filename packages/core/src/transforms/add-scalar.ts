import { addScalar } from '../tensor/add-scalar.js';
import type { Tensor } from '../tensor/tensor.js';
import type { Transform } from './transform.js';

/**
 * Adds a constant on the way forward and subtracts it on the way back, keeping the dtype (e.g.
 * folding a forget-gate `+1` into a bias). The round trip is bit-exact for integer dtypes and for
 * floats only where the sums are exactly representable.
 *
 * @example
 * ```ts
 * new AddScalar(1).forward(Tensor.fromArray([0, 2], [2], 'float32')).toArray(); // [1, 3]
 * ```
 */
export class AddScalar implements Transform {
  readonly constant: number;

  constructor(constant: number) {
    this.constant = constant;
  }

  forward(x: Tensor): Tensor {
    return addScalar(x, this.constant);
  }

  inverse(y: Tensor): Tensor {
    return addScalar(y, -this.constant);
  }

  toString(): string {
    return `AddScalar(${this.constant})`;
  }
}
