import { InteropError } from '../errors/interop-error.js';
import type { Shape } from '../tensor/tensor.js';
import type { ConvIR } from './kinds.js';
import type { ConvPadding } from './param-types.js';

/** A dilated size: `n` elements with `d - 1` holes between neighbours. */
function dilate(n: number, d: number): number {
  return n === 0 ? 0 : (n - 1) * d + 1;
}

/**
 * The `[low, high]` padding of every spatial axis, as `lax.conv_general_dilated` resolves it.
 * String paddings are computed from the undilated input size and the dilated kernel size, which
 * is what lax does even when an input dilation is set.
 *
 * @throws {InteropError} E_INVALID_IR for an explicit padding of the wrong length.
 * @example
 * ```ts
 * resolveConvPadding('SAME', [8], [3], [1], [1]); // [[1, 1]]
 * ```
 */
export function resolveConvPadding(
  padding: ConvPadding,
  spatial: Shape,
  kernelSize: readonly number[],
  strides: readonly number[],
  kernelDilation: readonly number[],
): Array<[number, number]> {
  const nd = kernelSize.length;
  if (Array.isArray(padding)) {
    if (padding.length !== nd) {
      throw new InteropError('E_INVALID_IR', 'Conv padding needs one [low, high] pair per spatial axis', {
        expected: nd,
        found: padding.length,
      });
    }
    return padding.map(([lo, hi]) => [lo, hi]);
  }
  return kernelSize.map((k, i) => {
    const effective = dilate(k, kernelDilation[i] ?? 1);
    if (padding === 'VALID') return [0, 0];
    if (padding === 'CAUSAL') return [effective - 1, 0];
    const n = spatial[i]!;
    const s = strides[i] ?? 1;
    const out = Math.ceil(n / s);
    const total = Math.max((out - 1) * s + effective - n, 0);
    const small = Math.floor(total / 2);
    return padding === 'SAME' ? [small, total - small] : [total - small, small];
  });
}

/**
 * Output shape of a conv on an unbatched channels-last input `[...spatial, inFeatures]`:
 * each spatial size is `floor((dilate(n, inputDilation) + low + high - dilate(k, kernelDilation)) / stride) + 1`
 * (at least 0), and the last axis becomes `outFeatures`.
 *
 * @throws {InteropError} E_SHAPE_MISMATCH when the rank or channel count does not fit the conv.
 * @example
 * ```ts
 * convOutputShape(conv3x3Valid, [8, 8, 3]); // [6, 6, 4]
 * ```
 */
export function convOutputShape(ir: ConvIR, inputShape: Shape): number[] {
  const p = ir.params;
  const nd = p.kernelSize.length;
  if (inputShape.length !== nd + 1) {
    throw new InteropError('E_SHAPE_MISMATCH', `A ${nd}-d conv needs an input of rank ${nd + 1} (spatial axes, then channels)`, {
      expected: `rank ${nd + 1}`,
      found: `[${inputShape.join(', ')}]`,
    });
  }
  if (inputShape[nd] !== p.inFeatures) {
    throw new InteropError('E_SHAPE_MISMATCH', 'The input channel count does not match the conv', {
      expected: p.inFeatures,
      found: inputShape[nd],
    });
  }
  const spatial = inputShape.slice(0, nd);
  if (typeof p.padding === 'string' && p.padding !== 'CAUSAL' && p.inputDilation.some((d) => d !== 1)) {
    // lax.conv_general_dilated rejects string padding together with an input dilation.
    throw new InteropError('E_INVALID_IR', `Conv padding "${p.padding}" cannot be combined with an input dilation`, {
      found: p.inputDilation,
      fix: 'Give explicit [low, high] pads per spatial axis, as lax requires for input-dilated convolutions',
    });
  }
  const pads = resolveConvPadding(p.padding, spatial, p.kernelSize, p.strides, p.kernelDilation);
  const out = spatial.map((n, i) => {
    const padded = dilate(n, p.inputDilation[i] ?? 1) + pads[i]![0] + pads[i]![1];
    const k = dilate(p.kernelSize[i]!, p.kernelDilation[i] ?? 1);
    return padded < k ? 0 : Math.floor((padded - k) / (p.strides[i] ?? 1)) + 1;
  });
  return [...out, p.outFeatures];
}
