import { InteropError } from '@interop/core';
import type { ConvIR, PaddingMode } from '@interop/core';
import type { ConvPlan } from '../backend/types.js';
import { resolvePads } from './pads.js';

/** A {@link ConvPlan} plus the output spatial shape. */
export interface ConvLayout extends ConvPlan {
  outShape: number[];
}

/**
 * Lowers a conv IR applied to a `[batch, ...spatial, in]` input to a tap table: for every output
 * position and kernel tap, the input position read (after padding, input dilation and the
 * padding mode), or -1 where a zero is read.
 *
 * @throws {InteropError} E_INVALID_IR for a non-zeros padding mode combined with input dilation.
 * @example
 * ```ts
 * const plan = planConv(ir, [2, 8, 8, 3]);
 * plan.outShape; // e.g. [8, 8]
 * ```
 */
export function planConv(ir: ConvIR, inputShape: readonly number[]): ConvLayout {
  const p = ir.params;
  const spatial = inputShape.slice(1, -1);
  const axes = spatial.map((size, d) => ({
    size,
    kernel: p.kernelSize[d]!,
    stride: p.strides[d]!,
    kernelDilation: p.kernelDilation[d]!,
    inputDilation: p.inputDilation[d]!,
  }));
  if (p.paddingMode !== 'zeros' && axes.some((a) => a.inputDilation !== 1)) {
    throw new InteropError('E_INVALID_IR', `Padding mode "${p.paddingMode}" cannot be combined with input dilation`, {
      fix: "Use paddingMode 'zeros' or inputDilation of 1",
    });
  }
  const pads = resolvePads(p.padding, axes);
  const outShape = axes.map((a, d) => {
    const dilated = a.size === 0 ? 0 : (a.size - 1) * a.inputDilation + 1;
    const keff = (a.kernel - 1) * a.kernelDilation + 1;
    const padded = pads[d]![0] + dilated + pads[d]![1];
    return padded < keff ? 0 : Math.floor((padded - keff) / a.stride) + 1;
  });
  const outSpatial = product(outShape);
  const taps = product(p.kernelSize);
  const table = new Int32Array(outSpatial * taps);
  const outIdx = new Array<number>(axes.length).fill(0);
  for (let pos = 0; pos < outSpatial; pos++) {
    unravel(pos, outShape, outIdx);
    const tapIdx = new Array<number>(axes.length).fill(0);
    for (let t = 0; t < taps; t++) {
      unravel(t, p.kernelSize, tapIdx);
      let flat = 0;
      for (let d = 0; d < axes.length && flat >= 0; d++) {
        const a = axes[d]!;
        const i = sourceIndex(outIdx[d]! * a.stride + tapIdx[d]! * a.kernelDilation - pads[d]![0], a.size, a.inputDilation, p.paddingMode);
        flat = i < 0 ? -1 : flat * a.size + i;
      }
      table[pos * taps + t] = flat;
    }
  }
  return {
    batch: inputShape[0]!,
    inSpatial: product(spatial),
    outSpatial,
    taps,
    inFeatures: p.inFeatures,
    outFeatures: p.outFeatures,
    groups: p.featureGroups,
    table,
    outShape,
  };
}

function sourceIndex(q: number, n: number, dilation: number, mode: PaddingMode): number {
  if (dilation !== 1) {
    if (q < 0 || q % dilation !== 0) return -1;
    const i = q / dilation;
    return i < n ? i : -1;
  }
  if (q >= 0 && q < n) return q;
  switch (mode) {
    case 'zeros':
      return -1;
    case 'circular':
      return ((q % n) + n) % n;
    case 'replicate':
      return q < 0 ? 0 : n - 1;
    case 'reflect': {
      if (n === 1) return 0;
      const period = 2 * (n - 1);
      const m = ((q % period) + period) % period;
      return m < n ? m : period - m;
    }
  }
}

function unravel(index: number, shape: readonly number[], out: number[]): void {
  let rest = index;
  for (let d = shape.length - 1; d >= 0; d--) {
    out[d] = rest % shape[d]!;
    rest = Math.floor(rest / shape[d]!);
  }
}

function product(xs: readonly number[]): number {
  return xs.reduce((a, b) => a * b, 1);
}
