import { InteropError } from '@interop/core';
import type { Shape } from '@interop/core';
import { checkFloatDType, floatTensor, roundFor } from '../float-dtype.js';
import type { FloatDType } from '../float-dtype.js';
import { normalValues } from '../normal.js';
import { checkShape, count } from '../shape.js';
import type { Initializer } from './types.js';

/**
 * Thin Householder QR of a rows x cols matrix (rows >= cols, row-major), in float64, returning
 * Q (rows x cols) with each column multiplied by the sign of R's diagonal: JAX's convention
 * `q * sign(diag(r))`, which makes the result unique whatever QR routine produced it.
 */
function signedQ(a: Float64Array, rows: number, cols: number): Float64Array {
  const m = Float64Array.from(a);
  const vs: Float64Array[] = [];
  const signs: number[] = [];
  for (let j = 0; j < cols; j++) {
    let norm = 0;
    for (let i = j; i < rows; i++) norm += m[i * cols + j]! ** 2;
    norm = Math.sqrt(norm);
    const x0 = m[j * cols + j]!;
    const alpha = x0 > 0 ? -norm : norm;
    const v = new Float64Array(rows);
    for (let i = j; i < rows; i++) v[i] = m[i * cols + j]!;
    v[j] = x0 - alpha;
    let vn = 0;
    for (let i = j; i < rows; i++) vn += v[i]! ** 2;
    if (vn > 0) {
      for (let c = j; c < cols; c++) {
        let dot = 0;
        for (let i = j; i < rows; i++) dot += v[i]! * m[i * cols + c]!;
        const t = (2 * dot) / vn;
        for (let i = j; i < rows; i++) m[i * cols + c] = m[i * cols + c]! - t * v[i]!;
      }
    }
    vs.push(v);
    signs.push(alpha === 0 ? 0 : Math.sign(alpha));
  }
  const q = new Float64Array(rows * cols);
  for (let j = 0; j < cols; j++) q[j * cols + j] = 1;
  for (let j = cols - 1; j >= 0; j--) {
    const v = vs[j]!;
    let vn = 0;
    for (let i = j; i < rows; i++) vn += v[i]! ** 2;
    if (vn === 0) continue;
    for (let c = 0; c < cols; c++) {
      let dot = 0;
      for (let i = j; i < rows; i++) dot += v[i]! * q[i * cols + c]!;
      const t = (2 * dot) / vn;
      for (let i = j; i < rows; i++) q[i * cols + c] = q[i * cols + c]! - t * v[i]!;
    }
  }
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) q[i * cols + j] = q[i * cols + j]! * signs[j]!;
  return q;
}

/**
 * `jax.nn.initializers.orthogonal(scale, column_axis)`: a (semi-)orthogonal matrix from the QR
 * decomposition of a normal draw, reshaped to `shape`. The QR runs in float64, so values differ
 * from JAX's float32 LAPACK result by a few float32 ulps (see docs/random.md).
 *
 * @throws {InteropError} E_INVALID_ARGUMENT for rank < 2 or a bad column axis.
 * @example
 * ```ts
 * orthogonal()(key(0), [4, 4]);
 * ```
 */
export function orthogonal(scale = 1, columnAxis = -1, dtype?: FloatDType): Initializer {
  return (k, shape: Shape, d) => {
    const dt = checkFloatDType(d ?? dtype, 'orthogonal');
    const s = checkShape(shape, 'orthogonal');
    if (s.length < 2) {
      throw new InteropError('E_INVALID_ARGUMENT', 'orthogonal needs a shape of rank >= 2', { found: s });
    }
    const col = columnAxis < 0 ? s.length + columnAxis : columnAxis;
    if (col < 0 || col >= s.length) {
      throw new InteropError('E_INVALID_ARGUMENT', 'orthogonal column axis out of range', { found: columnAxis });
    }
    const total = count(s);
    if (total === 0) return floatTensor(new Float64Array(0), s, dt);
    const nCols = s[col]!;
    const nRows = total / nCols;
    const tall = Math.max(nRows, nCols);
    const thin = Math.min(nRows, nCols);
    const q = signedQ(normalValues(k, tall * thin, dt), tall, thin);
    // q is tall x thin; the matrix wanted is nRows x nCols (transpose when wide).
    const r = roundFor(dt);
    const sc = r(scale);
    const rest = s.filter((_, i) => i !== col);
    const out = new Float64Array(total);
    const strides = s.map((_, i) => s.slice(i + 1).reduce((a, b) => a * b, 1));
    for (let row = 0; row < nRows; row++) {
      // Row index of Q over the non-column axes, in C order, placed back around the column axis.
      let rem = row;
      let base = 0;
      for (let ax = rest.length - 1, i = s.length - 1; i >= 0; i--) {
        if (i === col) continue;
        base += (rem % rest[ax]!) * strides[i]!;
        rem = Math.floor(rem / rest[ax]!);
        ax--;
      }
      for (let c = 0; c < nCols; c++) {
        const v = nRows >= nCols ? q[row * thin + c]! : q[c * thin + row]!;
        out[base + c * strides[col]!] = r(sc * r(v));
      }
    }
    return floatTensor(out, s, dt);
  };
}
