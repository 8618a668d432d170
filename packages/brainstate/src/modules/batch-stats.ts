import type { Tensor } from '@interop/core';

const f = Math.fround;

/**
 * Per-channel mean and (biased) variance over every axis but the last, in float32 as BrainState's
 * `_compute_stats` computes them: fast variance `max(0, E[x²] - E[x]²)`, or two-pass.
 *
 * @example
 * ```ts
 * const { mean, variance } = batchStatistics(x, true);
 * ```
 */
export function batchStatistics(x: Tensor, fast: boolean): { mean: Float32Array; variance: Float32Array } {
  const values = x.toArray();
  const C = x.shape[x.ndim - 1]!;
  const n = values.length / C;
  const sum = new Float32Array(C);
  const sq = new Float32Array(C);
  values.forEach((v, i) => {
    const c = i % C;
    const x32 = f(v);
    sum[c] = f(sum[c]! + x32);
    sq[c] = f(sq[c]! + f(x32 * x32));
  });
  // XLA's mean multiplies by the float32 reciprocal of the count.
  const inv = f(1 / n);
  const mean = sum.map((s) => f(s * inv));
  const variance = new Float32Array(C);
  if (fast) {
    for (let c = 0; c < C; c++) variance[c] = Math.max(0, f(f(sq[c]! * inv) - f(mean[c]! * mean[c]!)));
  } else {
    const dev = new Float32Array(C);
    values.forEach((v, i) => {
      const c = i % C;
      const d = f(f(v) - mean[c]!);
      dev[c] = f(dev[c]! + f(d * d));
    });
    for (let c = 0; c < C; c++) variance[c] = f(dev[c]! * inv);
  }
  return { mean, variance };
}
