import { Tensor } from '@interop/core';

/** A seeded generator (mulberry32) so test inputs are reproducible. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A float32 tensor of uniform values in [-scale, scale). */
export function randn(shape: number[], seed: number, scale = 1): Tensor<'float32'> {
  const r = rng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  return new Tensor(
    'float32',
    shape,
    Float32Array.from({ length: n }, () => (r() * 2 - 1) * scale),
  );
}
