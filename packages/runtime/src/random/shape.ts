import { InteropError } from '@interop/core';
import type { Shape } from '@interop/core';

/**
 * Checks and copies a sample shape (a number means a 1-D shape of that length).
 *
 * @throws {InteropError} E_INVALID_ARGUMENT for negative or fractional sizes.
 * @example
 * ```ts
 * checkShape([2, 3], 'uniform'); // [2, 3]
 * ```
 */
export function checkShape(shape: Shape | number | undefined, op: string): number[] {
  const s = shape === undefined ? [] : typeof shape === 'number' ? [shape] : [...shape];
  for (const d of s) {
    if (!Number.isSafeInteger(d) || d < 0) {
      throw new InteropError('E_INVALID_ARGUMENT', `${op}: a shape must hold non-negative integers`, {
        found: s,
      });
    }
  }
  return s;
}

/** Number of elements of a shape. */
export function count(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}
