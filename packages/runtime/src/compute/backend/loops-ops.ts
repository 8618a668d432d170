import type { MeanPlan, PoolPlan, SoftmaxPlan, Vec } from './types.js';

/**
 * Pooling through a tap table, accumulating in float64: max starts from `-inf` (the value
 * `lax.reduce_window` pads with), avg divides the sum by the whole window or the valid taps.
 */
export function poolLoops(out: Vec, x: Vec, plan: PoolPlan): Vec {
  const { batch, inSpatial, outSpatial, taps, channels: C, op, countIncludePad, table } = plan;
  for (let b = 0; b < batch; b++) {
    for (let p = 0; p < outSpatial; p++) {
      for (let c = 0; c < C; c++) {
        let acc = op === 'max' ? -Infinity : 0;
        let valid = 0;
        for (let t = 0; t < taps; t++) {
          const idx = table[p * taps + t]!;
          if (idx < 0) continue;
          const v = x[(b * inSpatial + idx) * C + c]!;
          if (op === 'max') acc = v > acc || Number.isNaN(v) ? v : acc;
          else acc += v;
          valid++;
        }
        out[(b * outSpatial + p) * C + c] = op === 'max' ? acc : acc / (countIncludePad ? taps : valid);
      }
    }
  }
  return out;
}

/** A mean over axes through a gather table, summed in float64. */
export function meanLoops(out: Vec, x: Vec, plan: MeanPlan): Vec {
  const { batch, inSize, bases, offsets } = plan;
  const n = offsets.length;
  for (let b = 0; b < batch; b++) {
    for (let o = 0; o < bases.length; o++) {
      const base = b * inSize + bases[o]!;
      let s = 0;
      for (let t = 0; t < n; t++) s += x[base + offsets[t]!]!;
      out[b * bases.length + o] = s / n;
    }
  }
  return out;
}

/**
 * `jax.nn.softmax` (`exp(x - max) / sum(exp(x - max))`) or `log_softmax`
 * (`x - max - log(sum(exp(x - max)))`) along the middle axis, in float64.
 */
export function softmaxLoops(out: Vec, x: Vec, plan: SoftmaxPlan): Vec {
  const { outer, size, inner, log } = plan;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const at = (k: number) => (o * size + k) * inner + i;
      let max = -Infinity;
      for (let k = 0; k < size; k++) max = Math.max(max, x[at(k)]!);
      let sum = 0;
      for (let k = 0; k < size; k++) sum += Math.exp(x[at(k)]! - max);
      const logSum = Math.log(sum);
      for (let k = 0; k < size; k++) {
        const shifted = x[at(k)]! - max;
        out[at(k)] = log ? shifted - logSum : Math.exp(shifted) / sum;
      }
    }
  }
  return out;
}

/** Elementwise sum of two equally long buffers. */
export function addLoops(out: Vec, a: Vec, b: Vec): Vec {
  for (let i = 0; i < out.length; i++) out[i] = a[i]! + b[i]!;
  return out;
}
