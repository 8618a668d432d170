/**
 * The tolerance within which the float32 backends (`tiled`, `gpu.js`, `gpu.js-cpu`) agree with
 * the float64 `reference`, for O(1) inputs and weights: `rtol = 1e-5` and
 * `atol = max(1e-5, 1e-7 · reductionLength)`, where `reductionLength` is the longest sum behind
 * one output (in·taps for conv, inFeatures for dense). gpu.js accumulates sequentially in
 * float32, so its error grows with the sum's length (measured: 3.2e-5 for a 576-term conv sum).
 *
 * @example
 * ```ts
 * verify(a, b, [x], { ...float32Tolerance(576), backend: 'gpu.js' });
 * ```
 */
export function float32Tolerance(reductionLength = 1): { atol: number; rtol: number } {
  return { rtol: 1e-5, atol: Math.max(1e-5, 1e-7 * reductionLength) };
}
