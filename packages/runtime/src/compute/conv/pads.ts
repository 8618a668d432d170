import { InteropError } from '@interop/core';
import type { ConvPadding } from '@interop/core';

/** Per-axis geometry a padding is resolved against. */
export interface AxisGeometry {
  size: number;
  kernel: number;
  stride: number;
  kernelDilation: number;
  inputDilation: number;
}

/**
 * Resolves an IR padding to explicit `[low, high]` pairs with `lax.padtype_to_pads` semantics:
 * SAME puts the odd pad at the end, SAME_LOWER at the start, CAUSAL pads `(k-1)·dilation` low.
 *
 * @throws {InteropError} E_INVALID_IR for string padding with input dilation (lax refuses it
 *   too), CAUSAL on more than one axis, or a pair count that differs from the spatial rank.
 * @example
 * ```ts
 * resolvePads('SAME', [{ size: 8, kernel: 4, stride: 1, kernelDilation: 1, inputDilation: 1 }]); // [[1, 2]]
 * ```
 */
export function resolvePads(padding: ConvPadding, axes: AxisGeometry[]): Array<[number, number]> {
  if (Array.isArray(padding)) {
    if (padding.length !== axes.length || !padding.every(isIntPair)) {
      throw new InteropError('E_INVALID_IR', 'Explicit conv padding needs one [low, high] integer pair per spatial axis', {
        expected: `${axes.length} pairs`,
        found: padding,
      });
    }
    return padding.map(([lo, hi]) => [lo, hi]);
  }
  if (padding !== 'VALID' && axes.some((a) => a.inputDilation !== 1)) {
    throw new InteropError('E_INVALID_IR', `String padding "${padding}" cannot be combined with input dilation`, {
      fix: 'Give explicit [low, high] pairs, as lax.conv_general_dilated requires',
    });
  }
  return axes.map((a) => {
    const keff = (a.kernel - 1) * a.kernelDilation + 1;
    switch (padding) {
      case 'VALID':
        return [0, 0];
      case 'CAUSAL':
        if (axes.length !== 1) {
          throw new InteropError('E_INVALID_IR', 'CAUSAL padding is defined for 1-D convolutions only', {
            found: `${axes.length} spatial axes`,
          });
        }
        return [keff - 1, 0];
      case 'SAME':
      case 'SAME_LOWER': {
        const out = Math.ceil(a.size / a.stride);
        const total = Math.max(0, (out - 1) * a.stride + keff - a.size);
        const small = Math.floor(total / 2);
        return padding === 'SAME' ? [small, total - small] : [total - small, small];
      }
      default:
        throw new InteropError('E_INVALID_IR', `Unknown conv padding "${String(padding)}"`, {
          expected: "'SAME', 'SAME_LOWER', 'VALID', 'CAUSAL' or [low, high] pairs",
          found: padding,
        });
    }
  });
}

function isIntPair(p: unknown): p is [number, number] {
  return Array.isArray(p) && p.length === 2 && p.every(Number.isInteger);
}
