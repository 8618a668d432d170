import type { DType, Shape } from '@interop/core';
import { InteropError, Tensor, sizeOf } from '@interop/core';
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import ops from 'ndarray-ops';

type NumericStorage = Float32Array | Float64Array | Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Uint32Array;

/**
 * An `ndarray` view of a tensor, for users who do array work with the ndarray family. Float,
 * int (up to 32 bits) and bool tensors are viewed without a copy; float16/bfloat16 are decoded to
 * a float32 copy (ndarray has no 16-bit float type); 64-bit integers are refused.
 *
 * @throws {InteropError} E_DTYPE for int64/uint64.
 * @example
 * ```ts
 * const v = toNdarray(kernel).transpose(1, 0); // (out, in) view of an (in, out) kernel
 * ```
 */
export function toNdarray(tensor: Tensor): NdArray<NumericStorage> {
  if (tensor.dtype === 'int64' || tensor.dtype === 'uint64') {
    throw new InteropError('E_DTYPE', `ndarray has no ${tensor.dtype} type`, {
      fix: 'Convert with tensor.astype("float64") first, if the values fit',
    });
  }
  const data = tensor.dtype === 'float16' || tensor.dtype === 'bfloat16' ? tensor.toFloat32() : tensor.data;
  return ndarray(data as NumericStorage, [...tensor.shape]);
}

/**
 * Copies any (possibly strided or transposed) ndarray view into a C-order tensor of `dtype`
 * (default: float32 for float views, the view's own integer type otherwise).
 *
 * @throws {InteropError} E_DTYPE when the view holds something other than a typed array.
 * @example
 * ```ts
 * const hwio = fromNdarray(toNdarray(oihw).transpose(2, 3, 1, 0));
 * ```
 */
export function fromNdarray(view: NdArray, dtype?: DType): Tensor {
  const shape: Shape = [...view.shape];
  const target = dtype ?? (view.dtype === 'float64' ? 'float64' : (view.dtype as DType));
  if (target === 'float16' || target === 'bfloat16') {
    const f32 = fromNdarray(view, 'float32');
    return Tensor.fromArray(f32.data, shape, target);
  }
  const tensor = Tensor.zeros(shape, target);
  if (target === 'int64' || target === 'uint64' || !ArrayBuffer.isView(view.data)) {
    throw new InteropError('E_DTYPE', `Cannot copy an ndarray of ${view.dtype} into ${target}`, {
      expected: 'a typed-array view and a dtype of at most 32 bits',
    });
  }
  if (sizeOf(shape) > 0) ops.assign(ndarray(tensor.data as NumericStorage, [...shape]), view);
  return tensor;
}
