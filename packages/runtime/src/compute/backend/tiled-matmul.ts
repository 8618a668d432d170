const KB = 256;

/**
 * Float32 matrix product `[m,k] @ [k,n] (+ bias)`: a 4×4 register-blocked micro-kernel over
 * 256-deep panels, with the four rows of `a` packed contiguously. Sums within a panel are
 * float64 (JavaScript numbers) and are added into the float32 result once per panel.
 *
 * @example
 * ```ts
 * const c = tiledMatmul(a, b, 512, 512, 512);
 * ```
 */
export function tiledMatmul(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  m: number,
  k: number,
  n: number,
  bias?: ArrayLike<number>,
): Float32Array {
  const C = new Float32Array(m * n);
  if (bias) for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) C[i * n + j] = bias[j]!;
  const A = a instanceof Float32Array ? a : Float32Array.from(a);
  const B = b instanceof Float32Array ? b : Float32Array.from(b);
  const pack = new Float64Array(KB * 4);
  const m4 = m - (m % 4);
  const n4 = n - (n % 4);
  for (let pp = 0; pp < k; pp += KB) {
    const kl = Math.min(KB, k - pp);
    for (let i = 0; i < m4; i += 4) {
      for (let p = 0; p < kl; p++) {
        for (let r = 0; r < 4; r++) pack[p * 4 + r] = A[(i + r) * k + pp + p]!;
      }
      for (let j = 0; j < n4; j += 4) block4x4(pack, B, C, i, j, pp, kl, n);
      for (let j = n4; j < n; j++) {
        for (let r = 0; r < 4; r++) C[(i + r) * n + j] = C[(i + r) * n + j]! + dot(A, B, (i + r) * k + pp, pp * n + j, kl, n);
      }
    }
    for (let i = m4; i < m; i++) {
      for (let j = 0; j < n; j++) C[i * n + j] = C[i * n + j]! + dot(A, B, i * k + pp, pp * n + j, kl, n);
    }
  }
  return C;
}

function dot(A: Float32Array, B: Float32Array, ao: number, bo: number, len: number, n: number): number {
  let s = 0;
  for (let p = 0; p < len; p++) s += A[ao + p]! * B[bo + p * n]!;
  return s;
}

function block4x4(pack: Float64Array, B: Float32Array, C: Float32Array, i: number, j: number, pp: number, kl: number, n: number): void {
  let s00 = 0,
    s01 = 0,
    s02 = 0,
    s03 = 0,
    s10 = 0,
    s11 = 0,
    s12 = 0,
    s13 = 0;
  let s20 = 0,
    s21 = 0,
    s22 = 0,
    s23 = 0,
    s30 = 0,
    s31 = 0,
    s32 = 0,
    s33 = 0;
  let bo = pp * n + j;
  for (let p = 0; p < kl; p++, bo += n) {
    const b0 = B[bo]!,
      b1 = B[bo + 1]!,
      b2 = B[bo + 2]!,
      b3 = B[bo + 3]!;
    const q = p * 4;
    const a0 = pack[q]!,
      a1 = pack[q + 1]!,
      a2 = pack[q + 2]!,
      a3 = pack[q + 3]!;
    s00 += a0 * b0;
    s01 += a0 * b1;
    s02 += a0 * b2;
    s03 += a0 * b3;
    s10 += a1 * b0;
    s11 += a1 * b1;
    s12 += a1 * b2;
    s13 += a1 * b3;
    s20 += a2 * b0;
    s21 += a2 * b1;
    s22 += a2 * b2;
    s23 += a2 * b3;
    s30 += a3 * b0;
    s31 += a3 * b1;
    s32 += a3 * b2;
    s33 += a3 * b3;
  }
  let c = i * n + j;
  C[c] = C[c]! + s00;
  C[c + 1] = C[c + 1]! + s01;
  C[c + 2] = C[c + 2]! + s02;
  C[c + 3] = C[c + 3]! + s03;
  c += n;
  C[c] = C[c]! + s10;
  C[c + 1] = C[c + 1]! + s11;
  C[c + 2] = C[c + 2]! + s12;
  C[c + 3] = C[c + 3]! + s13;
  c += n;
  C[c] = C[c]! + s20;
  C[c + 1] = C[c + 1]! + s21;
  C[c + 2] = C[c + 2]! + s22;
  C[c + 3] = C[c + 3]! + s23;
  c += n;
  C[c] = C[c]! + s30;
  C[c + 1] = C[c + 1]! + s31;
  C[c + 2] = C[c + 2]! + s32;
  C[c + 3] = C[c + 3]! + s33;
}
