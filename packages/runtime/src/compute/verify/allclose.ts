import { InteropError, Tensor } from '@interop/core';

/** Tolerances of {@link allclose}, with NumPy's defaults. */
export interface AllcloseOptions {
  /** @default 1e-8 */
  atol?: number;
  /** @default 1e-5 */
  rtol?: number;
  /** Treat NaN as equal to NaN. @default false */
  equalNan?: boolean;
}

/** Element statistics of `a` against the reference `b`. */
export interface Discrepancy {
  /** max |a - b| over the elements where both are finite. */
  maxAbsError: number;
  /** max |a - b| / |b| over finite elements where either is non-zero (Infinity when b = 0 ≠ a). */
  maxRelError: number;
  /** Elements failing `|a - b| <= atol + rtol·|b|`. */
  mismatches: number;
  /** Element count. */
  size: number;
  /** Non-finite elements (NaN or ±Infinity) of `a`. */
  nonFiniteA: number;
  /** Non-finite elements (NaN or ±Infinity) of `b`. */
  nonFiniteB: number;
}

type Values = Tensor | ArrayLike<number>;

/**
 * NumPy's `allclose`: true when every `|a - b| <= atol + rtol·|b|` (asymmetric: `b` is the
 * reference). Infinities must match exactly; NaN only matches NaN with `equalNan`. No
 * broadcasting.
 *
 * @throws {InteropError} E_SHAPE_MISMATCH when shapes (or lengths) differ.
 * @example
 * ```ts
 * allclose(out, expected, { atol: 1e-6, rtol: 1e-5 }); // true
 * ```
 */
export function allclose(a: Values, b: Values, options: AllcloseOptions = {}): boolean {
  return compare(a, b, options).mismatches === 0;
}

/**
 * Error statistics of `a` against the reference `b` under the {@link allclose} criterion.
 *
 * @throws {InteropError} E_SHAPE_MISMATCH when shapes (or lengths) differ.
 * @example
 * ```ts
 * compare(out, expected).maxAbsError; // 3.1e-7
 * ```
 */
export function compare(a: Values, b: Values, options: AllcloseOptions = {}): Discrepancy {
  const { atol = 1e-8, rtol = 1e-5, equalNan = false } = options;
  const [x, y] = [values(a), values(b)];
  const shapeA = a instanceof Tensor ? a.shape : [x.length];
  const shapeB = b instanceof Tensor ? b.shape : [y.length];
  if (shapeA.length !== shapeB.length || shapeA.some((d, i) => d !== shapeB[i])) {
    throw new InteropError('E_SHAPE_MISMATCH', 'Cannot compare arrays of different shapes', {
      expected: `[${shapeB.join(', ')}]`,
      found: `[${shapeA.join(', ')}]`,
    });
  }
  let maxAbsError = 0;
  let maxRelError = 0;
  let mismatches = 0;
  let nonFiniteA = 0;
  let nonFiniteB = 0;
  for (let i = 0; i < x.length; i++) {
    const u = x[i]!;
    const v = y[i]!;
    const finite = Number.isFinite(u) && Number.isFinite(v);
    if (!Number.isFinite(u)) nonFiniteA++;
    if (!Number.isFinite(v)) nonFiniteB++;
    if (u === v) continue;
    if (!finite) {
      // Error statistics describe the finite pairs; a non-finite pair either matches (same
      // infinity, or NaN on both sides with equalNan) or is one mismatch.
      if (!(equalNan && Number.isNaN(u) && Number.isNaN(v))) mismatches++;
      continue;
    }
    const d = Math.abs(u - v);
    if (!(d <= atol + rtol * Math.abs(v))) mismatches++;
    if (d > maxAbsError) maxAbsError = d;
    const rel = v === 0 ? Infinity : d / Math.abs(v);
    if (rel > maxRelError) maxRelError = rel;
  }
  return { maxAbsError, maxRelError, mismatches, size: x.length, nonFiniteA, nonFiniteB };
}

function values(v: Values): ArrayLike<number> {
  return v instanceof Tensor ? v.toFloat64() : v;
}
