import type { DType } from '../tensor/dtype.js';
import { Tensor } from '../tensor/tensor.js';

/** A tensor of distinct, deterministic, exactly representable values (multiples of 1/8). */
export function filled(shape: number[], dtype: DType = 'float32', seed = 1): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return Tensor.fromArray(
    Array.from({ length: n }, (_, i) => (((i * 7 + seed * 13) % 31) - 15) / 8),
    shape,
    dtype,
  );
}
