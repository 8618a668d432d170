// Kernel bodies for gpu.js. gpu.js parses each function's source, so they use only its subset:
// no closures, loop bounds from `this.constants` (never from arguments, which gpu.js would cap at
// 1000 iterations silently), flat 1-D buffers, and `(i + 0.5) / n` so float division can never
// land just below an integer.
/* eslint-disable @typescript-eslint/no-explicit-any */

/** The `this` gpu.js gives a kernel; constants are per-shape literals. */
interface K {
  thread: { x: number };
  constants: any;
}

/** `[m,k] @ [k,n] + bias`, one output element per thread. */
export function matmulKernel(this: K, a: Float32Array, b: Float32Array, bias: Float32Array): number {
  const i = Math.floor((this.thread.x + 0.5) / this.constants.N);
  const j = this.thread.x - i * this.constants.N;
  let s = 0;
  for (let p = 0; p < this.constants.K; p++) {
    s += a[i * this.constants.K + p]! * b[p * this.constants.N + j]!;
  }
  return s + bias[j]!;
}

/** Convolution through the tap table (see `ConvPlan`), one output element per thread. */
export function convKernel(this: K, x: Float32Array, w: Float32Array, bias: Float32Array, table: Float32Array): number {
  const row = Math.floor((this.thread.x + 0.5) / this.constants.CO);
  const o = this.thread.x - row * this.constants.CO;
  const b = Math.floor((row + 0.5) / this.constants.OS);
  const p = row - b * this.constants.OS;
  const g = Math.floor((o + 0.5) / this.constants.COG);
  let s = bias[o]!;
  for (let t = 0; t < this.constants.T; t++) {
    const idx = table[p * this.constants.T + t]!;
    if (idx > -0.5) {
      const xb = (b * this.constants.IS + idx) * this.constants.CI + g * this.constants.CIG;
      for (let c = 0; c < this.constants.CIG; c++) {
        s += x[xb + c]! * w[(t * this.constants.CIG + c) * this.constants.CO + o]!;
      }
    }
  }
  return s;
}

/** Per-(outer, group) mean over `spatial × groupSize`. */
export function meanKernel(this: K, x: Float32Array): number {
  const o = Math.floor((this.thread.x + 0.5) / this.constants.G);
  const g = this.thread.x - o * this.constants.G;
  let s = 0;
  for (let sp = 0; sp < this.constants.S; sp++) {
    const base = (o * this.constants.S + sp) * this.constants.G * this.constants.GS + g * this.constants.GS;
    for (let j = 0; j < this.constants.GS; j++) s += x[base + j]!;
  }
  return s / (this.constants.S * this.constants.GS);
}

/** Per-group mean of `(x - center)²`; `center` is zeros for the fast/RMS formulas. */
export function squareKernel(this: K, x: Float32Array, center: Float32Array): number {
  const o = Math.floor((this.thread.x + 0.5) / this.constants.G);
  const g = this.thread.x - o * this.constants.G;
  const m = center[this.thread.x]!;
  let s = 0;
  for (let sp = 0; sp < this.constants.S; sp++) {
    const base = (o * this.constants.S + sp) * this.constants.G * this.constants.GS + g * this.constants.GS;
    for (let j = 0; j < this.constants.GS; j++) {
      const d = x[base + j]! - m;
      s += d * d;
    }
  }
  return s / (this.constants.S * this.constants.GS);
}

/** Applies the statistics; STAT 0 = fast, 1 = two-pass, 2 = rms. */
export function applyNormKernel(
  this: K,
  x: Float32Array,
  mean: Float32Array,
  second: Float32Array,
  scale: Float32Array,
  bias: Float32Array,
): number {
  const c = this.thread.x - Math.floor((this.thread.x + 0.5) / this.constants.C) * this.constants.C;
  const row = Math.floor((this.thread.x + 0.5) / this.constants.C);
  const o = Math.floor((row + 0.5) / this.constants.S);
  const g = Math.floor((c + 0.5) / this.constants.GS);
  const k = o * this.constants.G + g;
  let m = mean[k]!;
  let v = second[k]!;
  if (this.constants.STAT === 0) v = Math.max(0, v - m * m);
  if (this.constants.STAT === 2) m = 0;
  return (x[this.thread.x]! - m) * ((1 / Math.sqrt(v + this.constants.EPS)) * scale[c]!) + bias[c]!;
}

/** Per-channel `(x - mean) * mul + add`. */
export function channelAffineKernel(this: K, x: Float32Array, mean: Float32Array, mul: Float32Array, add: Float32Array): number {
  const c = this.thread.x - Math.floor((this.thread.x + 0.5) / this.constants.C) * this.constants.C;
  return (x[this.thread.x]! - mean[c]!) * mul[c]! + add[c]!;
}

/**
 * Activations by code (see `ACTIVATION_CODES`). gelu uses the Numerical Recipes erfc fit
 * (relative error < 1.2e-7), so its negative tail keeps float32 relative precision.
 */
export function activationKernel(this: K, x: Float32Array): number {
  const v = x[this.thread.x]!;
  const fn = this.constants.FN;
  let r = v;
  if (fn === 1) r = Math.max(v, 0);
  if (fn === 2) {
    const z = Math.abs(v) / Math.sqrt(2);
    const t = 1 / (1 + 0.5 * z);
    const tail =
      t *
      Math.exp(
        -z * z -
          1.26551223 +
          t *
            (1.00002368 +
              t *
                (0.37409196 +
                  t *
                    (0.09678418 +
                      t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
      );
    r = v >= 0 ? v * (1 - 0.5 * tail) : 0.5 * v * tail;
  }
  if (fn === 3) r = 0.5 * v * (1 + Math.tanh(0.7978845608028654 * (v + 0.044715 * v * v * v)));
  if (fn === 4) r = v / (1 + Math.exp(-v));
  if (fn === 5) r = Math.tanh(v);
  if (fn === 6) r = 1 / (1 + Math.exp(-v));
  if (fn === 7) {
    const u = Math.exp(-Math.abs(v));
    r = Math.max(v, 0) + (u < 0.0001 ? u * (1 - 0.5 * u) : Math.log(1 + u));
  }
  if (fn === 8) {
    let e = Math.exp(v) - 1;
    if (Math.abs(v) < 0.01) e = v * (1 + v * (0.5 + v * (0.16666666666666666 + v * 0.041666666666666664)));
    r = v > 0 ? v : this.constants.ALPHA * e;
  }
  if (fn === 9) r = v >= 0 ? v : this.constants.ALPHA * v;
  return r;
}
