import type { Tensor } from '../tensor/tensor.js';

/**
 * A layout change declared once, usable both ways: `forward` maps a value from one framework's
 * layout to another's and `inverse` maps it back, so `inverse(forward(x))` gives `x` again.
 *
 * @example
 * ```ts
 * const t: Transform = new Transpose([1, 0]);
 * t.inverse(t.forward(kernel)).equals(kernel); // true
 * ```
 */
export interface Transform<In = Tensor, Out = Tensor> {
  /** Maps a value to the other layout. */
  forward(x: In): Out;
  /** Maps a value back; the exact inverse of {@link Transform.forward}. */
  inverse(y: Out): In;
  /** A readable description, e.g. `Transpose([2, 0, 1])`. */
  toString(): string;
}

/** Formats a list of numbers as `[a, b, c]` for `toString()`. */
export function showList(values: readonly number[]): string {
  return `[${values.join(', ')}]`;
}
