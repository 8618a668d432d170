import { InteropError } from '../errors/interop-error.js';
import type { DType, DTypeStorage, TensorStorage } from './dtype.js';
import { DTYPES, dtypeInfo } from './dtype.js';
import { decodeBfloat16, decodeFloat16, encodeBfloat16, encodeFloat16 } from './half.js';

/** A shape: one non-negative integer per axis; `[]` for a scalar. */
export type Shape = readonly number[];

/** Number of elements of a shape (1 for a scalar). */
export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** C-order (row-major) element strides of a shape. */
export function stridesOf(shape: Shape): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i]!;
  }
  return s;
}

function checkShape(shape: Shape): void {
  for (const d of shape) {
    if (!Number.isSafeInteger(d) || d < 0) {
      throw new InteropError('E_SHAPE_MISMATCH', 'A shape must hold non-negative integers', {
        found: shape,
      });
    }
  }
}

/**
 * An n-dimensional array: a dtype, a shape and its elements in C order. Half types keep their raw
 * 16-bit patterns (no silent widening); use {@link Tensor.toFloat32} to read values.
 *
 * @example
 * ```ts
 * const t = Tensor.fromArray([1, 2, 3, 4], [2, 2], 'bfloat16');
 * t.data; // Uint16Array of bfloat16 bit patterns
 * t.toFloat32(); // Float32Array [1, 2, 3, 4]
 * ```
 */
export class Tensor<D extends DType = DType> {
  /** Element type. */
  readonly dtype: D;
  /** Shape; `[]` for a scalar. */
  readonly shape: Shape;
  /** Elements in C order. */
  readonly data: DTypeStorage[D];

  /**
   * Wraps existing storage (no copy).
   *
   * @throws {InteropError} E_DTYPE when `data` is not the storage array of `dtype`;
   *   E_SHAPE_MISMATCH when its length is not the shape's size.
   */
  constructor(dtype: D, shape: Shape, data: DTypeStorage[D]) {
    const info = dtypeInfo(dtype);
    checkShape(shape);
    if (!(data instanceof info.storage)) {
      throw new InteropError('E_DTYPE', `Storage for ${dtype} must be a ${info.storage.name}`, {
        found: (data as object)?.constructor?.name,
      });
    }
    if (data.length !== sizeOf(shape)) {
      throw new InteropError('E_SHAPE_MISMATCH', 'Tensor data length does not match its shape', {
        expected: `${sizeOf(shape)} elements for shape [${shape.join(', ')}]`,
        found: data.length,
      });
    }
    this.dtype = dtype;
    this.shape = Object.freeze([...shape]);
    this.data = data;
  }

  /** A zero-filled tensor. */
  static zeros<D extends DType>(shape: Shape, dtype: D): Tensor<D> {
    checkShape(shape);
    return new Tensor(dtype, shape, new DTYPES[dtype].storage(sizeOf(shape)) as DTypeStorage[D]);
  }

  /**
   * Builds a tensor from plain numbers (or bigints for 64-bit integers), converting to `dtype`:
   * floats round to nearest even, bool is `value !== 0`.
   */
  static fromArray<D extends DType>(
    values: ArrayLike<number> | ArrayLike<bigint>,
    shape: Shape,
    dtype: D,
  ): Tensor<D> {
    checkShape(shape);
    const n = sizeOf(shape);
    if (values.length !== n) {
      throw new InteropError('E_SHAPE_MISMATCH', 'Value count does not match the shape', {
        expected: n,
        found: values.length,
      });
    }
    const nums = values as ArrayLike<number | bigint>;
    let data: TensorStorage;
    if (dtype === 'float16') data = encodeFloat16(Array.from(nums, Number));
    else if (dtype === 'bfloat16') data = encodeBfloat16(Array.from(nums, Number));
    else if (dtype === 'int64') data = BigInt64Array.from(nums, (v) => BigInt.asIntN(64, BigInt(v)));
    else if (dtype === 'uint64') data = BigUint64Array.from(nums, (v) => BigInt.asUintN(64, BigInt(v)));
    else if (dtype === 'bool') data = Uint8Array.from(nums, (v) => (Number(v) !== 0 ? 1 : 0));
    else {
      const Ctor = DTYPES[dtype].storage as unknown as { from(a: ArrayLike<number>): TensorStorage };
      data = Ctor.from(Array.from(nums, Number));
    }
    return new Tensor(dtype, shape, data as DTypeStorage[D]);
  }

  /** Number of elements. */
  get size(): number {
    return this.data.length;
  }

  /** Number of axes. */
  get ndim(): number {
    return this.shape.length;
  }

  /** Bytes of element data. */
  get byteLength(): number {
    return this.data.length * DTYPES[this.dtype].itemSize;
  }

  /** The elements as float32 (exact for half types; rounding for float64 and wide ints). */
  toFloat32(): Float32Array {
    const d = this.data;
    if (this.dtype === 'float16') return decodeFloat16(d as Uint16Array);
    if (this.dtype === 'bfloat16') return decodeBfloat16(d as Uint16Array);
    if (d instanceof Float32Array) return d.slice();
    return Float32Array.from(d as ArrayLike<number | bigint>, Number);
  }

  /** The elements as float64 (exact for every float dtype). */
  toFloat64(): Float64Array {
    const d = this.data;
    if (this.dtype === 'float16' || this.dtype === 'bfloat16') return Float64Array.from(this.toFloat32());
    return Float64Array.from(d as ArrayLike<number | bigint>, Number);
  }

  /** The elements as a plain array of numbers. */
  toArray(): number[] {
    return Array.from(this.toFloat64());
  }

  /** A copy converted to another dtype (floats round to nearest even). */
  astype<T extends DType>(dtype: T): Tensor<T> {
    if ((dtype as DType) === this.dtype) return this.clone() as unknown as Tensor<T>;
    if (this.dtype === 'int64' || this.dtype === 'uint64') {
      return Tensor.fromArray(this.data as ArrayLike<bigint>, this.shape, dtype);
    }
    return Tensor.fromArray(this.toFloat64(), this.shape, dtype);
  }

  /** A deep copy. */
  clone(): Tensor<D> {
    return new Tensor(this.dtype, this.shape, this.data.slice() as DTypeStorage[D]);
  }

  /**
   * The same elements under another shape (no copy). One axis may be `-1`.
   *
   * @throws {InteropError} E_SHAPE_MISMATCH when sizes differ.
   */
  reshape(shape: Shape): Tensor<D> {
    const known = shape.filter((d) => d !== -1);
    const free = shape.length - known.length;
    let target = [...shape];
    if (free === 1) target = shape.map((d) => (d === -1 ? this.size / sizeOf(known) : d));
    if (free > 1 || sizeOf(target) !== this.size || !target.every(Number.isInteger)) {
      throw new InteropError('E_SHAPE_MISMATCH', 'Cannot reshape tensor', {
        expected: `a shape with ${this.size} elements`,
        found: `[${shape.join(', ')}]`,
      });
    }
    return new Tensor(this.dtype, target, this.data);
  }

  /** The element bytes in little-endian order (a view when possible). */
  bytes(): Uint8Array {
    return new Uint8Array(this.data.buffer, this.data.byteOffset, this.byteLength);
  }

  /** True when both have the same dtype, shape and bit-identical elements. */
  equals(other: Tensor): boolean {
    if (other.dtype !== this.dtype || other.shape.length !== this.shape.length) return false;
    if (this.shape.some((d, i) => d !== other.shape[i])) return false;
    const a = this.bytes();
    const b = other.bytes();
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }

  /** A short description, e.g. `float32[3, 4]`. */
  toString(): string {
    return `${this.dtype}[${this.shape.join(', ')}]`;
  }
}
