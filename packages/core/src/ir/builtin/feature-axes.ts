import { InteropError } from '../../errors/interop-error.js';
import type { Shape } from '../../tensor/tensor.js';

/**
 * Throws `E_SHAPE_MISMATCH` unless the last input axis is `expected`.
 *
 * @throws {InteropError} E_SHAPE_MISMATCH.
 */
export function lastAxis(kind: string, inputShape: Shape, expected: number): void {
  const found = inputShape[inputShape.length - 1];
  if (found !== expected) {
    throw new InteropError('E_SHAPE_MISMATCH', `The last input axis does not match the ${kind} layer`, {
      expected,
      found: `[${inputShape.join(', ')}]`,
    });
  }
}

/** The input shape with its last axis replaced by `size`. */
export function replaceLast(inputShape: Shape, size: number): number[] {
  return [...inputShape.slice(0, -1), size];
}

/**
 * Throws `E_SHAPE_MISMATCH` unless the trailing input axes are `featureShape`.
 *
 * @throws {InteropError} E_SHAPE_MISMATCH.
 */
export function trailing(kind: string, inputShape: Shape, featureShape: readonly number[]): void {
  const tail = inputShape.slice(inputShape.length - featureShape.length);
  if (featureShape.length > inputShape.length || tail.some((d, i) => d !== featureShape[i])) {
    throw new InteropError('E_SHAPE_MISMATCH', `The trailing input axes do not match the ${kind} feature shape`, {
      expected: `[..., ${featureShape.join(', ')}]`,
      found: `[${inputShape.join(', ')}]`,
    });
  }
}
