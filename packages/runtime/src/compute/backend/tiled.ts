import { createLoopPrimitives } from './loops.js';
import { tiledMatmul } from './tiled-matmul.js';
import type { Backend, ConvPlan, Vec } from './types.js';

/**
 * The fast plain-TypeScript backend: float32 storage, a register-blocked matmul, and convolution
 * lowered to that matmul (im2col per group). Norms and activations reuse the straightforward
 * loops with float64 statistics, rounded to float32.
 *
 * @example
 * ```ts
 * const out = createTiledBackend().matmul(a, b, m, k, n);
 * ```
 */
export function createTiledBackend(): Backend {
  const loops = createLoopPrimitives((n) => new Float32Array(n), Math.fround);
  return {
    ...loops,
    name: 'tiled',
    matmul: (a, b, m, k, n, bias) => tiledMatmul(a, b, m, k, n, bias),
    conv: tiledConv,
    engine: () => 'typescript-float32-tiled',
  };
}

function tiledConv(x: Vec, kernel: Vec, plan: ConvPlan, bias?: Vec): Float32Array {
  const { batch, inSpatial, outSpatial, taps, inFeatures, outFeatures, groups, table } = plan;
  const cig = inFeatures / groups;
  const cog = outFeatures / groups;
  const depth = taps * cig;
  const out = new Float32Array(batch * outSpatial * outFeatures);
  const cols = new Float32Array(outSpatial * depth);
  const w = new Float32Array(depth * cog);
  const gb = new Float32Array(cog);
  for (let g = 0; g < groups; g++) {
    for (let d = 0; d < depth; d++) {
      for (let o = 0; o < cog; o++) w[d * cog + o] = kernel[d * outFeatures + g * cog + o]!;
    }
    for (let o = 0; o < cog; o++) gb[o] = bias ? bias[g * cog + o]! : 0;
    for (let b = 0; b < batch; b++) {
      cols.fill(0);
      for (let p = 0; p < outSpatial; p++) {
        for (let t = 0; t < taps; t++) {
          const idx = table[p * taps + t]!;
          if (idx < 0) continue;
          const src = (b * inSpatial + idx) * inFeatures + g * cig;
          const dst = p * depth + t * cig;
          for (let c = 0; c < cig; c++) cols[dst + c] = x[src + c]!;
        }
      }
      const y = tiledMatmul(cols, w, outSpatial, depth, cog, gb);
      for (let p = 0; p < outSpatial; p++) {
        out.set(y.subarray(p * cog, (p + 1) * cog), (b * outSpatial + p) * outFeatures + g * cog);
      }
    }
  }
  return out;
}
