import type { ActivationFn } from '@interop/core';
import { activate } from '../math/activations.js';
import { addLoops, meanLoops, poolLoops, softmaxLoops } from './loops-ops.js';
import type { Backend, ConvPlan, NormPlan, Vec } from './types.js';

/** The primitives of {@link Backend} other than its identity. */
export type Primitives = Omit<Backend, 'name' | 'engine'>;

/**
 * Straightforward loops for every primitive, accumulating in float64 and storing through
 * `alloc`/`round`. The reference backend uses them with float64 storage; `tiled` reuses the ones
 * it does not speed up, with float32 storage.
 *
 * @example
 * ```ts
 * const p = createLoopPrimitives((n) => new Float64Array(n), (v) => v);
 * p.matmul(a, b, 2, 3, 4);
 * ```
 */
export function createLoopPrimitives(alloc: (n: number) => Vec, round: (v: number) => number): Primitives {
  return {
    alloc,
    round,
    matmul(a, b, m, k, n, bias) {
      const out = alloc(m * n);
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          let s = bias ? bias[j]! : 0;
          for (let p = 0; p < k; p++) s += a[i * k + p]! * b[p * n + j]!;
          out[i * n + j] = s;
        }
      }
      return out;
    },
    conv(x, kernel, plan, bias) {
      return convLoops(alloc(plan.batch * plan.outSpatial * plan.outFeatures), x, kernel, plan, bias);
    },
    normalize(x, plan, scale, bias) {
      return normalizeLoops(alloc(x.length), x, plan, scale, bias);
    },
    channelAffine(x, channels, mean, mul, add) {
      const out = alloc(x.length);
      for (let i = 0; i < x.length; i++) {
        const c = i % channels;
        out[i] = (x[i]! - mean[c]!) * mul[c]! + add[c]!;
      }
      return out;
    },
    activation(x: Vec, fn: ActivationFn, alpha: number) {
      const out = alloc(x.length);
      for (let i = 0; i < x.length; i++) out[i] = activate(fn, x[i]!, alpha);
      return out;
    },
    add: (a, b) => addLoops(alloc(a.length), a, b),
    pool: (x, plan) => poolLoops(alloc(plan.batch * plan.outSpatial * plan.channels), x, plan),
    mean: (x, plan) => meanLoops(alloc(plan.batch * plan.bases.length), x, plan),
    softmax: (x, plan) => softmaxLoops(alloc(x.length), x, plan),
  };
}

function convLoops(out: Vec, x: Vec, w: Vec, plan: ConvPlan, bias?: Vec): Vec {
  const { batch, inSpatial, outSpatial, taps, inFeatures, outFeatures, groups, table } = plan;
  const cig = inFeatures / groups;
  const cog = outFeatures / groups;
  for (let b = 0; b < batch; b++) {
    for (let p = 0; p < outSpatial; p++) {
      for (let o = 0; o < outFeatures; o++) {
        const g = Math.floor(o / cog);
        let s = bias ? bias[o]! : 0;
        for (let t = 0; t < taps; t++) {
          const idx = table[p * taps + t]!;
          if (idx < 0) continue;
          const xBase = (b * inSpatial + idx) * inFeatures + g * cig;
          for (let c = 0; c < cig; c++) s += x[xBase + c]! * w[(t * cig + c) * outFeatures + o]!;
        }
        out[(b * outSpatial + p) * outFeatures + o] = s;
      }
    }
  }
  return out;
}

/** Mean and variance (or mean square for RMS, with mean 0) of one group, in float64. */
export function groupStats(x: Vec, plan: NormPlan, o: number, g: number): [number, number] {
  const { spatial, groups, groupSize, stat } = plan;
  const n = spatial * groupSize;
  let sum = 0;
  let sq = 0;
  for (let s = 0; s < spatial; s++) {
    const base = (o * spatial + s) * groups * groupSize + g * groupSize;
    for (let j = 0; j < groupSize; j++) {
      const v = x[base + j]!;
      sum += v;
      sq += v * v;
    }
  }
  if (stat === 'rms') return [0, sq / n];
  const mean = sum / n;
  if (stat === 'fast') return [mean, Math.max(0, sq / n - mean * mean)];
  let dev = 0;
  for (let s = 0; s < spatial; s++) {
    const base = (o * spatial + s) * groups * groupSize + g * groupSize;
    for (let j = 0; j < groupSize; j++) dev += (x[base + j]! - mean) ** 2;
  }
  return [mean, dev / n];
}

function normalizeLoops(out: Vec, x: Vec, plan: NormPlan, scale?: Vec, bias?: Vec): Vec {
  const { outer, spatial, groups, groupSize, epsilon } = plan;
  for (let o = 0; o < outer; o++) {
    for (let g = 0; g < groups; g++) {
      const [mean, variance] = groupStats(x, plan, o, g);
      const inv = 1 / Math.sqrt(variance + epsilon);
      for (let s = 0; s < spatial; s++) {
        const base = (o * spatial + s) * groups * groupSize + g * groupSize;
        for (let j = 0; j < groupSize; j++) {
          const c = g * groupSize + j;
          out[base + j] = (x[base + j]! - mean) * (inv * (scale ? scale[c]! : 1)) + (bias ? bias[c]! : 0);
        }
      }
    }
  }
  return out;
}
