import type { ConvIR, LayerIR, LayerNormIR, LinearIR } from '../../packages/core/src/index.js';
import { Tensor } from '../../packages/core/src/index.js';

/** One benchmark: an IR, its input, and the work it does (FLOPs or bytes moved). */
export interface BenchCase {
  name: string;
  ir: LayerIR;
  input: Tensor;
  unit: 'GFLOP/s' | 'GB/s';
  work: number;
}

function rand(shape: number[], seed: number): Tensor {
  let s = seed;
  const n = shape.reduce((a, b) => a * b, 1);
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    data[i] = s / 2 ** 31 - 1;
  }
  return new Tensor('float32', shape, data);
}

const dense: LinearIR = {
  kind: 'linear',
  params: { inFeatures: 512, outFeatures: 512 },
  tensors: { kernel: rand([512, 512], 1) },
};
const conv: ConvIR = {
  kind: 'conv',
  params: {
    inFeatures: 64,
    outFeatures: 64,
    kernelSize: [3, 3],
    strides: [1, 1],
    padding: 'SAME',
    paddingMode: 'zeros',
    inputDilation: [1, 1],
    kernelDilation: [1, 1],
    featureGroups: 1,
  },
  tensors: { kernel: rand([3, 3, 64, 64], 2) },
};
const layerNorm: LayerNormIR = {
  kind: 'layer-norm',
  params: { featureShape: [1024], epsilon: 1e-6, variance: 'fast' },
  tensors: {},
};

/** The three benchmark shapes of issue #4. */
export const CASES: BenchCase[] = [
  { name: 'dense 512×512×512', ir: dense, input: rand([512, 512], 3), unit: 'GFLOP/s', work: 2 * 512 ** 3 },
  { name: 'conv 3×3, 64×64×64 → 64', ir: conv, input: rand([1, 64, 64, 64], 4), unit: 'GFLOP/s', work: 2 * 64 * 64 * 9 * 64 * 64 },
  { name: 'layer norm 4096×1024', ir: layerNorm, input: rand([4096, 1024], 5), unit: 'GB/s', work: 2 * 4096 * 1024 * 4 },
];

/**
 * The baseline: a plain TypeScript i-j-k triple loop over Float32Arrays (what you would write
 * first), for the dense shape.
 */
export function tripleLoop(a: Float32Array, b: Float32Array, n: number): Float32Array {
  const c = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < n; p++) s += a[i * n + p]! * b[p * n + j]!;
      c[i * n + j] = s;
    }
  }
  return c;
}
