import type { Tensor } from '@interop/core';

/** Relative and absolute tolerance: `|a - b| <= atol + rtol * |b|`, as `numpy.allclose`. */
export interface Tolerance {
  rtol: number;
  atol: number;
}

/**
 * Why two tensors differ bit for bit, or `undefined` when they are identical.
 *
 * @example
 * ```ts
 * bitDifference(a, a.astype('bfloat16')); // 'dtype float32 became bfloat16'
 * ```
 */
export function bitDifference(a: Tensor, b: Tensor): string | undefined {
  if (a.dtype !== b.dtype) return `dtype ${a.dtype} became ${b.dtype}`;
  if (a.shape.length !== b.shape.length || a.shape.some((d, i) => d !== b.shape[i])) {
    return `shape [${a.shape.join(', ')}] became [${b.shape.join(', ')}]`;
  }
  if (a.equals(b)) return undefined;
  const x = a.toFloat64();
  const y = b.toFloat64();
  const i = x.findIndex((v, k) => !Object.is(v, y[k]));
  return i >= 0 ? `element ${i} changed from ${x[i]} to ${y[i]}` : 'the bit patterns differ (e.g. a NaN payload)';
}

/**
 * Why two outputs are not close, or `undefined` when they are (NaN matches NaN).
 *
 * @example
 * ```ts
 * closeDifference(y1, y2, { rtol: 1e-5, atol: 1e-6 }); // undefined when close
 * ```
 */
export function closeDifference(a: Tensor, b: Tensor, tol: Tolerance): string | undefined {
  if (a.shape.length !== b.shape.length || a.shape.some((d, i) => d !== b.shape[i])) {
    return `output shape [${a.shape.join(', ')}] differs from [${b.shape.join(', ')}]`;
  }
  const x = a.toFloat64();
  const y = b.toFloat64();
  let worst = -1;
  let excess = 0;
  for (let i = 0; i < x.length; i++) {
    const p = x[i]!;
    const q = y[i]!;
    if (Number.isNaN(p) && Number.isNaN(q)) continue;
    const over = Math.abs(p - q) - (tol.atol + tol.rtol * Math.abs(q));
    if (!(over <= 0) && (worst < 0 || over > excess || Number.isNaN(over))) {
      worst = i;
      excess = over;
    }
  }
  if (worst < 0) return undefined;
  return `element ${worst} is ${x[worst]} vs ${y[worst]} (rtol ${tol.rtol}, atol ${tol.atol})`;
}
