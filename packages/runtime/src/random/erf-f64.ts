// Float64 erf and erf_inv. XLA's float64 kernels are not reproduced bit for bit; these are
// accurate to a few ulps, which is what float64 `normal`/`truncatedNormal` promise.

const TWO_OVER_SQRT_PI = 1.1283791670955126;

/**
 * erf in float64 (Taylor series below 3, continued fraction for erfc above).
 *
 * @example
 * ```ts
 * erfF64(1); // 0.8427007929497149
 * ```
 */
export function erfF64(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  if (ax < 3) {
    let term = x;
    let sum = x;
    const x2 = x * x;
    for (let n = 1; n < 200; n++) {
      term *= -x2 / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return TWO_OVER_SQRT_PI * sum;
  }
  if (ax > 27) return Math.sign(x);
  // erfc(ax) by Lentz's continued fraction.
  let fr = ax;
  let c = ax;
  let d = 0;
  for (let n = 1; n < 300; n++) {
    const an = n / 2;
    d = ax + an * d;
    d = 1 / d;
    c = ax + an / c;
    const delta = c * d;
    fr *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  const erfc = Math.exp(-ax * ax) / fr / Math.sqrt(Math.PI);
  return Math.sign(x) * (1 - erfc);
}

/**
 * erf_inv in float64: a float64 start from Giles' approximation, then Newton steps.
 *
 * @example
 * ```ts
 * erfInvF64(0.5); // 0.4769362762044699
 * ```
 */
export function erfInvF64(y: number): number {
  if (Number.isNaN(y) || Math.abs(y) > 1) return NaN;
  if (Math.abs(y) === 1) return y * Infinity;
  const w = -Math.log1p(-y * y);
  let x: number;
  if (w < 5) {
    const t = w - 2.5;
    x = 2.81022636e-8;
    for (const c of [3.43273939e-7, -3.5233877e-6, -4.39150654e-6, 2.1858087e-4, -1.25372503e-3, -4.17768164e-3, 2.46640727e-1, 1.50140941])
      x = c + x * t;
  } else {
    const t = Math.sqrt(w) - 3;
    x = -2.00214257e-4;
    for (const c of [1.00950558e-4, 1.34934322e-3, -3.67342844e-3, 5.73950773e-3, -7.6224613e-3, 9.43887047e-3, 1.00167406, 2.83297682])
      x = c + x * t;
  }
  x *= y;
  for (let i = 0; i < 3; i++) {
    const err = erfF64(x) - y;
    x -= err / (TWO_OVER_SQRT_PI * Math.exp(-x * x));
  }
  return x;
}
