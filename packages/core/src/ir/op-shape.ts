import { InteropError } from '../errors/interop-error.js';
import type { Shape } from '../tensor/tensor.js';
import { resolveConvPadding } from './conv-shape.js';
import type { MeanIR, PoolIR, ReshapeIR, SoftmaxIR } from './ops.js';

function mismatch(what: string, expected: unknown, inputShape: Shape): InteropError {
  return new InteropError('E_SHAPE_MISMATCH', what, { expected, found: `[${inputShape.join(', ')}]` });
}

/**
 * The `[low, high]` padding of each window axis of a pool, as `lax.reduce_window` resolves a
 * padding string (the same rule as an undilated conv).
 *
 * @example
 * ```ts
 * resolvePoolPadding('SAME', [5, 4], [3, 3], [2, 2]); // [[1, 1], [0, 1]]
 * ```
 */
export function resolvePoolPadding(
  padding: PoolIR['params']['padding'],
  spatial: Shape,
  windowShape: readonly number[],
  strides: readonly number[],
): Array<[number, number]> {
  return resolveConvPadding(
    padding,
    spatial,
    windowShape,
    strides,
    windowShape.map(() => 1),
  );
}

/** Output shape of a pool on `[...spatial, C]`: `floor((n + low + high - window) / stride) + 1` per window axis. */
export function poolOutputShape(ir: PoolIR, inputShape: Shape): number[] {
  const { windowShape, strides, padding } = ir.params;
  const nd = windowShape.length;
  if (inputShape.length !== nd + 1)
    throw mismatch(
      `A ${nd}-d ${ir.params.op} pool needs an input of rank ${nd + 1} (spatial axes, then channels)`,
      `rank ${nd + 1}`,
      inputShape,
    );
  const spatial = inputShape.slice(0, nd);
  const pads = resolvePoolPadding(padding, spatial, windowShape, strides);
  const out = spatial.map((n, i) => {
    const padded = n + pads[i]![0] + pads[i]![1];
    const w = windowShape[i]!;
    return padded < w ? 0 : Math.floor((padded - w) / (strides[i] ?? 1)) + 1;
  });
  return [...out, inputShape[nd]!];
}

/** Output shape of a reshape, resolving its one `-1`. */
export function reshapeOutputShape(ir: ReshapeIR, inputShape: Shape): number[] {
  const total = inputShape.reduce((a, b) => a * b, 1);
  const target = ir.params.shape;
  const holes = target.filter((d) => d === -1).length;
  const known = target.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
  if (
    holes > 1 ||
    target.some((d) => d < -1) ||
    (holes === 0 && known !== total) ||
    (holes === 1 && (known === 0 || total % known !== 0))
  ) {
    throw mismatch(`Cannot reshape to [${target.join(', ')}]`, `a shape of ${total} elements`, inputShape);
  }
  return target.map((d) => (d === -1 ? total / known : d));
}

/** Normalises one axis of a rank-`rank` shape (negative counts from the end). */
function axisOf(axis: number, rank: number, inputShape: Shape): number {
  const a = axis < 0 ? axis + rank : axis;
  if (!Number.isInteger(a) || a < 0 || a >= rank)
    throw mismatch(`Axis ${axis} is out of range`, `an axis of a rank-${rank} input`, inputShape);
  return a;
}

/** The distinct, non-negative axes of a mean. */
export function meanAxes(ir: MeanIR, inputShape: Shape): number[] {
  return [...new Set(ir.params.axes.map((a) => axisOf(a, inputShape.length, inputShape)))].sort((a, b) => a - b);
}

/** Output shape of a mean: its axes dropped, or kept as 1. */
export function meanOutputShape(ir: MeanIR, inputShape: Shape): number[] {
  const axes = new Set(meanAxes(ir, inputShape));
  if (ir.params.keepdims) return inputShape.map((d, i) => (axes.has(i) ? 1 : d));
  return inputShape.filter((_, i) => !axes.has(i));
}

/** The non-negative axis of a softmax. */
export function softmaxAxis(ir: SoftmaxIR, inputShape: Shape): number {
  return axisOf(ir.params.axis, inputShape.length, inputShape);
}
