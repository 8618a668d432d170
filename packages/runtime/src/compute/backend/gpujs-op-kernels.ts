// Kernel bodies for gpu.js's stateless ops, under the same rules as gpujs-kernels.ts: gpu.js's
// JavaScript subset, loop bounds from `this.constants` only, `(i + 0.5) / n` before a floor.
/* eslint-disable @typescript-eslint/no-explicit-any */

/** The `this` gpu.js gives a kernel; constants are per-shape literals. */
interface K {
  thread: { x: number };
  constants: any;
}

/**
 * Pooling through the tap table (see `PoolPlan`), one output element per thread. `special` holds
 * `[-inf, NaN]`, passed in because gpu.js has no literals for them: a window entirely in the
 * padding gives `-inf` (max) or NaN (average of no valid element, as Flax's 0/0), without a
 * division by zero, which GLSL leaves undefined. MAX 1 = max; INCLUDE 1 divides by T.
 */
export function poolKernel(this: K, x: Float32Array, table: Float32Array, special: Float32Array): number {
  const row = Math.floor((this.thread.x + 0.5) / this.constants.C);
  const c = this.thread.x - row * this.constants.C;
  const b = Math.floor((row + 0.5) / this.constants.OS);
  const p = row - b * this.constants.OS;
  let m = special[0]!;
  let s = 0;
  let n = 0;
  for (let t = 0; t < this.constants.T; t++) {
    const idx = table[p * this.constants.T + t]!;
    if (idx > -0.5) {
      const v = x[(b * this.constants.IS + idx) * this.constants.C + c]!;
      if (v > m) m = v;
      s += v;
      n += 1;
    }
  }
  let r = m;
  if (this.constants.MAX === 0) {
    r = special[1]!;
    if (n > 0.5) r = s / n;
    if (this.constants.INCLUDE === 1) r = s / this.constants.T;
  }
  return r;
}

/** A mean through the gather table (see `MeanPlan`), one output element per thread. */
export function meanAxesKernel(this: K, x: Float32Array, bases: Float32Array, offsets: Float32Array): number {
  const b = Math.floor((this.thread.x + 0.5) / this.constants.OUT);
  const o = this.thread.x - b * this.constants.OUT;
  const base = b * this.constants.IN + bases[o]!;
  let s = 0;
  for (let t = 0; t < this.constants.T; t++) s += x[base + offsets[t]!]!;
  return s / this.constants.T;
}

/** Softmax (LOG 0) or log-softmax (LOG 1) along the middle axis of `[outer, SIZE, INNER]`. */
export function softmaxKernel(this: K, x: Float32Array): number {
  const row = Math.floor((this.thread.x + 0.5) / this.constants.INNER);
  const i = this.thread.x - row * this.constants.INNER;
  const o = Math.floor((row + 0.5) / this.constants.SIZE);
  const start = o * this.constants.SIZE * this.constants.INNER + i;
  let m = x[start]!;
  for (let k = 1; k < this.constants.SIZE; k++) m = Math.max(m, x[start + k * this.constants.INNER]!);
  let s = 0;
  for (let k = 0; k < this.constants.SIZE; k++) s += Math.exp(x[start + k * this.constants.INNER]! - m);
  const shifted = x[this.thread.x]! - m;
  let r = Math.exp(shifted) / s;
  if (this.constants.LOG === 1) r = shifted - Math.log(s);
  return r;
}

/** Elementwise `a + b`. */
export function addKernel(this: K, a: Float32Array, b: Float32Array): number {
  return a[this.thread.x]! + b[this.thread.x]!;
}
