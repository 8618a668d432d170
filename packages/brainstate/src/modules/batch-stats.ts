import type { Tensor } from '@interop/core';

/**
 * Per-channel mean and (biased) variance over every axis but the last, in float64 from the exact
 * input values: BrainState's `_compute_stats` (fast variance `max(0, E[x²] - E[x]²)` or two-pass).
 *
 * @example
 * ```ts
 * const { mean, variance } = batchStatistics(x, true);
 * ```
 */
export function batchStatistics(x: Tensor, fast: boolean): { mean: Float64Array; variance: Float64Array } {
  const values = x.toArray();
  const C = x.shape[x.ndim - 1]!;
  const n = values.length / C;
  const mean = new Float64Array(C);
  const sq = new Float64Array(C);
  values.forEach((v, i) => {
    mean[i % C]! += v / n;
    sq[i % C]! += (v * v) / n;
  });
  const variance = new Float64Array(C);
  if (fast) {
    for (let c = 0; c < C; c++) variance[c] = Math.max(0, sq[c]! - mean[c]! * mean[c]!);
  } else {
    values.forEach((v, i) => {
      const d = v - mean[i % C]!;
      variance[i % C]! += (d * d) / n;
    });
  }
  return { mean, variance };
}
