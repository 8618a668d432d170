import type { Tensor } from '../tensor/tensor.js';
import type { Transform } from './transform.js';

// Each step's input type depends on the previous step's output, which TypeScript cannot thread
// through a rest parameter; the chain is typed by its two ends instead.
type AnyTransform = Transform<any, any>;

/**
 * Applies transforms in order on the way forward and their inverses in reverse order on the way
 * back.
 *
 * @example
 * ```ts
 * const t = new Chain(new Transpose([1, 0]), new AddScalar(2));
 * t.forward(x); // transpose(x) + 2
 * t.toString(); // 'Chain(Transpose([1, 0]), AddScalar(2))'
 * ```
 */
export class Chain<In = Tensor, Out = In> implements Transform<In, Out> {
  readonly steps: readonly AnyTransform[];

  constructor(...steps: AnyTransform[]) {
    this.steps = Object.freeze([...steps]);
  }

  forward(x: In): Out {
    return this.steps.reduce<unknown>((value, step) => step.forward(value), x) as Out;
  }

  inverse(y: Out): In {
    return this.steps.reduceRight<unknown>((value, step) => step.inverse(value), y) as In;
  }

  toString(): string {
    return `Chain(${this.steps.map(String).join(', ')})`;
  }
}
