import { InteropError } from '../errors/interop-error.js';

/** A shape: one non-negative integer per axis; `[]` for a scalar. */
export type Shape = readonly number[];

/** Number of elements of a shape (1 for a scalar). */
export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** C-order (row-major) element strides of a shape. */
export function stridesOf(shape: Shape): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i]!;
  }
  return s;
}

/**
 * Refuses a shape that is not a list of non-negative safe integers.
 *
 * @throws {InteropError} E_SHAPE_MISMATCH.
 */
export function checkShape(shape: Shape): void {
  for (const d of shape) {
    if (!Number.isSafeInteger(d) || d < 0) {
      throw new InteropError('E_SHAPE_MISMATCH', 'A shape must hold non-negative integers', {
        found: shape,
      });
    }
  }
}
