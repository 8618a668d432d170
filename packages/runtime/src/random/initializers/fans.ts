import { InteropError } from '@interop/core';
import type { Shape } from '@interop/core';

/** One axis or several axes (their sizes multiply). Negative axes count from the end. */
export type Axes = number | readonly number[];

function axisSize(shape: Shape, axes: Axes): number {
  const list = typeof axes === 'number' ? [axes] : axes;
  let n = 1;
  for (const a of list) {
    const i = a < 0 ? shape.length + a : a;
    const d = shape[i];
    if (d === undefined) {
      throw new InteropError('E_INVALID_ARGUMENT', 'Initializer axis out of range', {
        expected: `an axis of a rank-${shape.length} shape`,
        found: a,
      });
    }
    n *= d;
  }
  return n;
}

/**
 * Fan-in and fan-out of a weight shape (`jax.nn.initializers._compute_fans`): the in/out axis
 * sizes times the receptive field (every other non-batch axis).
 *
 * @throws {InteropError} E_INVALID_ARGUMENT for rank < 2 with the default in axis.
 * @example
 * ```ts
 * computeFans([3, 3, 2, 4]); // [18, 36]
 * ```
 */
export function computeFans(shape: Shape, inAxis: Axes = -2, outAxis: Axes = -1, batchAxis: Axes = []): [number, number] {
  if (inAxis === -2 && shape.length <= 1) {
    throw new InteropError('E_INVALID_ARGUMENT', `Cannot compute fans of a rank-${shape.length} weight`, {
      fix: 'Use a shape of rank >= 2 or pass inAxis explicitly.',
    });
  }
  const inSize = axisSize(shape, inAxis);
  const outSize = axisSize(shape, outAxis);
  const batchSize = axisSize(shape, batchAxis);
  let total = 1;
  for (const d of shape) total *= d;
  const receptive = total / inSize / outSize / batchSize;
  return [inSize * receptive, outSize * receptive];
}
