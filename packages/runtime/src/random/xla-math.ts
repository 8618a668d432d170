import { f32FromBits, nextAfter } from './float-dtype.js';

// Float32 special functions exactly as XLA's CPU backend evaluates them in the JAX version we
// pin, read from the LLVM IR that XLA emits: the same constants and operation order. XLA:CPU
// compiles with FP contraction on, so on an FMA-capable x86 host every single-use multiply that
// feeds an add becomes one fused multiply-add; `fmaF32` reproduces those, `f` rounds the rest.

const f = Math.fround;
const h = f32FromBits;

/**
 * fma(a, b, c) in float32 with a single rounding. `a * b` is exact in float64; the sum is
 * corrected when float64 rounding lands exactly on a float32 tie.
 *
 * @example
 * ```ts
 * fmaF32(0.1, 10, -1);
 * ```
 */
export function fmaF32(a: number, b: number, c: number): number {
  const p = a * b;
  const s = p + c;
  const bb = s - p;
  const err = p - (s - bb) + (c - bb);
  const r = f(s);
  if (err === 0 || s === r || !Number.isFinite(s)) return r;
  const other = nextAfter(r, s, 'float32');
  if (s - r !== other - s) return r;
  // s sits exactly on a float32 tie: the exact sum lies on the side of err.
  return err > 0 ? Math.max(r, other) : Math.min(r, other);
}

const LOG_C = [0x3d9021bb, 0xbdebd1b8, 0x3def251a, 0xbdfe5d4f, 0x3e11e9bf, 0xbe2aae50, 0x3e4cceac, 0xbe7ffffc, 0x3eaaaaaa].map(h);

/**
 * Natural log in float32 as XLA:CPU computes it (Cephes-style range reduction + polynomial).
 *
 * @example
 * ```ts
 * logF32(2); // 0.6931472
 * ```
 */
export function logF32(v: number): number {
  if (Number.isNaN(v) || v < 0) return NaN;
  if (v === 0) return -Infinity;
  if (v === Infinity) return Infinity;
  const x0 = v > h(0x00800000) ? v : h(0x00800000);
  const bits = new Uint32Array(Float32Array.of(x0).buffer)[0]!;
  const m = h((bits & 0x807fffff) | 0x3f000000);
  const small = m < h(0x3f3504f3);
  const e = f(f((bits >>> 23) - 127 + 1) - (small ? 1 : 0));
  const x = f(f(m - 1) + (small ? m : 0));
  const x2 = f(x * x);
  const x3 = f(x2 * x);
  const c = LOG_C as [number, number, number, number, number, number, number, number, number];
  let y = fmaF32(x, c[0], c[1]);
  let y1 = fmaF32(x, c[3], c[4]);
  let y2 = fmaF32(x, c[6], c[7]);
  y = fmaF32(y, x, c[2]);
  y1 = fmaF32(y1, x, c[5]);
  y2 = fmaF32(y2, x, c[8]);
  y = fmaF32(y, x3, y1);
  y = fmaF32(y, x3, y2);
  const s1 = fmaF32(y, x3, f(e * h(0xb95e8083)));
  const s2 = fmaF32(-x2, 0.5, x);
  return fmaF32(e, h(0x3f318000), f(s2 + s1));
}

const L1P_DEN = [0x417101ad, 0x42a6185b, 0x435dc32d, 0x439a8ca3, 0x43586d8a, 0x42707982].map(h);
const L1P_NUM = [0x3eff40c5, 0x40d284fa, 0x41ef4b9c, 0x4273cc76, 0x426473ad, 0x41a05101].map(h);

/**
 * log(1 + x) in float32 as XLA:CPU computes it: a rational approximation for |x| < sqrt(2) - 1,
 * `logF32` of `1 + x` otherwise.
 *
 * @example
 * ```ts
 * log1pF32(-0.25);
 * ```
 */
export function log1pF32(x: number): number {
  if (!(Math.abs(x) < h(0x3ed413cd))) return logF32(f(x + 1));
  const x2 = f(x * x);
  let den = 1;
  for (const d of L1P_DEN) den = fmaF32(den, x, d);
  let num = f(4.527e-5);
  for (const n of L1P_NUM) num = fmaF32(num, x, n);
  const r = f(num / den);
  const t = f(f(x * x2) * r);
  return f(x + fmaF32(x2, -0.5, t));
}

const ERFINV_SMALL = [0x32f16588, 0x34b84b36, 0xb66c7357, 0xb6935ac1, 0x396532db, 0xbaa45408, 0xbb88e4ef, 0x3e7c8f63, 0x3fc02e2f].map(h);
const ERFINV_LARGE = [0xb951f09b, 0x38d3b56b, 0x3ab0dc72, 0xbb70bde7, 0x3bbc127b, 0xbbf9c5d7, 0x3c1aa57e, 0x3f8036db, 0x40354f7e].map(h);

/**
 * Inverse error function in float32, XLA's `erf_inv` (Giles' polynomial in `w = -log1p(-x²)`).
 *
 * @example
 * ```ts
 * erfInvF32(0.5); // 0.47693628
 * ```
 */
export function erfInvF32(x: number): number {
  const l = log1pF32(f(x * -x));
  const small = l > -5;
  const w = small ? f(-2.5 - l) : f(f(Math.sqrt(-l)) + -3);
  const c = small ? ERFINV_SMALL : ERFINV_LARGE;
  let p = c[0]!;
  for (let i = 1; i < 9; i++) p = fmaF32(p, w, c[i]!);
  return f(x * (Math.abs(x) === 1 ? Infinity : p));
}

const ERF_NUM = [0x39702d51, 0x3b5f5da2, 0x3d50b6eb, 0x3e3da740, 0x3f906eba].map(h);
const ERF_DEN = [0xb3fd3906, 0x37c588df, 0x3a856d28, 0x3c6687d4, 0x3de34c21, 0x3efeb44a, 0x3f800000].map(h);
const ERF_CLAMP = h(0x406f9c68);

/**
 * Error function in float32, XLA's `erf` (a rational approximation on [-3.74, 3.74] with FMA).
 *
 * @example
 * ```ts
 * erfF32(-1.4142135); // -0.9544997
 * ```
 */
export function erfF32(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (Math.abs(x) >= ERF_CLAMP) return x < 0 ? -1 : 1;
  const x2 = f(x * x);
  let p = fmaF32(x2, ERF_NUM[0]!, ERF_NUM[1]!);
  for (let i = 2; i < ERF_NUM.length; i++) p = fmaF32(p, x2, ERF_NUM[i]!);
  let q = fmaF32(x2, ERF_DEN[0]!, ERF_DEN[1]!);
  for (let i = 2; i < ERF_DEN.length; i++) q = fmaF32(q, x2, ERF_DEN[i]!);
  return f(f(x * p) / q);
}
