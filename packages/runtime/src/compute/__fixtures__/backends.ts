import type { Tensor } from '@interop/core';
import { expect } from 'vitest';
import type { BackendName } from '../backend/types.js';
import { compare } from '../verify/allclose.js';

/** Every backend that runs in Node. */
export const NODE_BACKENDS: BackendName[] = ['reference', 'tiled', 'gpu.js', 'gpu.js-cpu'];

/**
 * The agreement of each backend with the float64 definition: the reference is exact up to
 * float64 rounding; float32 backends use `float32Tolerance()` (the test sums stay under 1,200 terms).
 */
export const TOLERANCE: Record<BackendName, { atol: number; rtol: number }> = {
  reference: { atol: 1e-12, rtol: 1e-12 },
  tiled: { atol: 1e-5, rtol: 1e-5 },
  'gpu.js': { atol: 1e-5, rtol: 1e-5 },
  'gpu.js-cpu': { atol: 1e-5, rtol: 1e-5 },
};

/** Asserts `actual` matches the float64 `expected` within the backend's tolerance. */
export function expectClose(actual: Tensor, expected: ArrayLike<number>, backend: BackendName, shape?: number[]): void {
  if (shape) expect([...actual.shape]).toEqual(shape);
  const d = compare(actual.toFloat64(), expected, TOLERANCE[backend]);
  expect(d, `max abs ${d.maxAbsError}, max rel ${d.maxRelError}`).toMatchObject({ mismatches: 0 });
}
