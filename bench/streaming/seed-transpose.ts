// The transpose @interop/core had before the lazy tensors (an element-by-element odometer over
// the output), kept here only as the "before" of the benchmark.
import { Tensor, stridesOf } from '../../packages/core/src/index.js';
import type { DTypeStorage } from '../../packages/core/src/index.js';

export function seedTranspose<T extends Tensor>(x: T, perm: readonly number[]): T {
  const n = x.size;
  const outShape = perm.map((p) => x.shape[p]!);
  const inStrides = stridesOf(x.shape);
  const stepFor = perm.map((p) => inStrides[p]!);
  const src = x.data as ArrayLike<unknown> as unknown[];
  const out = new (x.data.constructor as new (k: number) => unknown[])(n);
  const index = new Array<number>(outShape.length).fill(0);
  let offset = 0;
  for (let i = 0; i < n; i++) {
    out[i] = src[offset];
    for (let ax = outShape.length - 1; ax >= 0; ax--) {
      index[ax]! += 1;
      offset += stepFor[ax]!;
      if (index[ax]! < outShape[ax]!) break;
      offset -= stepFor[ax]! * outShape[ax]!;
      index[ax] = 0;
    }
  }
  return new Tensor(x.dtype, outShape, out as unknown as DTypeStorage[T['dtype']]) as T;
}
