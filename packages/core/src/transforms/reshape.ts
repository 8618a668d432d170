import type { Shape, Tensor } from '../tensor/tensor.js';
import type { Transform } from './transform.js';
import { showList } from './transform.js';

/** A target shape, fixed or computed from the shape of the value being reshaped. */
export type ShapeRule = Shape | ((inputShape: Shape) => Shape);

function resolve(rule: ShapeRule, shape: Shape): Shape {
  return typeof rule === 'function' ? rule(shape) : rule;
}

function show(rule: ShapeRule): string {
  return typeof rule === 'function' ? 'fn' : showList(rule);
}

/**
 * Reshapes without moving elements: forward to `forwardShape`, inverse to `inverseShape`. Each
 * may be a fixed shape or a function of the incoming shape (e.g. a conv bias `[out]` ↔
 * `[1, 1, out]`).
 *
 * @throws {InteropError} E_SHAPE_MISMATCH (from `Tensor.reshape`) when sizes differ.
 * @example
 * ```ts
 * const t = new Reshape((s) => [1, 1, ...s], (s) => [s[s.length - 1]!]);
 * t.forward(Tensor.zeros([6], 'float32')).shape; // [1, 1, 6]
 * ```
 */
export class Reshape implements Transform {
  readonly forwardShape: ShapeRule;
  readonly inverseShape: ShapeRule;

  constructor(forwardShape: ShapeRule, inverseShape: ShapeRule) {
    this.forwardShape = forwardShape;
    this.inverseShape = inverseShape;
  }

  forward(x: Tensor): Tensor {
    return x.reshape(resolve(this.forwardShape, x.shape));
  }

  inverse(y: Tensor): Tensor {
    return y.reshape(resolve(this.inverseShape, y.shape));
  }

  toString(): string {
    return `Reshape(${show(this.forwardShape)} <-> ${show(this.inverseShape)})`;
  }
}
