import { InteropError } from '../errors/interop-error.js';
import type { DType, DTypeStorage, TensorStorage } from './dtype.js';
import { DTYPES, dtypeInfo } from './dtype.js';
import { decodeBfloat16, decodeFloat16, encodeBfloat16, encodeFloat16 } from './half.js';
import { materializeStorage, readTensorBytes } from './lazy-eval.js';
import type { PendingOp } from './pending.js';
import { markLoaded, originOf, pendingOf, setOrigin } from './pending.js';
import type { Shape } from './shape.js';
import { checkShape, sizeOf } from './shape.js';
import type { TensorSource } from './tensor-source.js';

export type { Shape } from './shape.js';
export { sizeOf, stridesOf } from './shape.js';

/** The values of a tensor without keeping them on it: its data, or a fresh computation when lazy. */
function valuesOf(t: Tensor): TensorStorage {
  return pendingOf(t) === undefined ? t.data : materializeStorage(t);
}

function defineLazyData(t: Tensor): void {
  Object.defineProperty(t, 'data', {
    enumerable: true,
    configurable: true,
    get(this: Tensor) {
      const data = materializeStorage(this);
      Object.defineProperty(this, 'data', { value: data, writable: true, enumerable: true, configurable: true });
      markLoaded(this, true);
      return data;
    },
  });
}

/**
 * A tensor whose values are computed from `op` when first read (internal: `Tensor.fromSource` and
 * the layout functions build these).
 */
export function lazyTensor<D extends DType>(dtype: D, shape: Shape, op: PendingOp): Tensor<D> {
  const t = Object.create(Tensor.prototype) as Tensor<D>;
  const field = { writable: true, enumerable: true, configurable: true };
  Object.defineProperty(t, 'dtype', { ...field, value: dtype });
  Object.defineProperty(t, 'shape', { ...field, value: Object.freeze([...shape]) });
  defineLazyData(t);
  setOrigin(t, op);
  return t;
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
 *
 * A tensor can also be lazy ({@link Tensor.fromSource}): a handle on values that lie elsewhere,
 * plus the layout steps still to apply (`transpose`, `reshape`, `concat`, `sliceAxis`, `split`,
 * `addScalar` record a step instead of copying). Reading `data` computes and keeps the values;
 * {@link Tensor.readBytes} computes any byte range without keeping anything, which is how the
 * streaming writers of `@interop/formats` write files larger than memory.
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

  /**
   * A lazy tensor whose C-order element bytes come from `source`; nothing is read until values
   * are needed.
   *
   * @throws {InteropError} E_DTYPE for an unknown dtype; E_SHAPE_MISMATCH when the source's byte
   *   length is not the shape's size times the item size.
   * @example
   * ```ts
   * const t = Tensor.fromSource('float32', [2048, 2048], source);
   * const k = transpose(t, [1, 0]); // still lazy: nothing read, nothing copied
   * k.isLazy; // true
   * ```
   */
  static fromSource<D extends DType>(dtype: D, shape: Shape, source: TensorSource): Tensor<D> {
    const info = dtypeInfo(dtype);
    checkShape(shape);
    const bytes = sizeOf(shape) * info.itemSize;
    if (source.byteLength !== bytes) {
      throw new InteropError('E_SHAPE_MISMATCH', 'The source holds a different number of bytes than the shape needs', {
        expected: `${bytes} bytes for ${dtype}[${shape.join(', ')}]`,
        found: source.byteLength,
        ...(source.description ? { path: source.description } : {}),
      });
    }
    return lazyTensor(dtype, shape, { op: 'source', source });
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
  static fromArray<D extends DType>(values: ArrayLike<number> | ArrayLike<bigint>, shape: Shape, dtype: D): Tensor<D> {
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
    return sizeOf(this.shape);
  }

  /** Number of axes. */
  get ndim(): number {
    return this.shape.length;
  }

  /** Bytes of element data. */
  get byteLength(): number {
    return this.size * DTYPES[this.dtype].itemSize;
  }

  /** True while the values are not in memory (a lazy tensor not yet read, or released). */
  get isLazy(): boolean {
    return pendingOf(this) !== undefined;
  }

  /** Computes and keeps the values of a lazy tensor now (what reading `data` does); returns it. */
  materialize(): this {
    void this.data;
    return this;
  }

  /**
   * Drops the values a lazy tensor computed, so that they are read again when next needed
   * (e.g. after one layer of a large model has run). Does nothing to a tensor built from values.
   */
  release(): this {
    if (originOf(this) !== undefined && pendingOf(this) === undefined) {
      markLoaded(this, false);
      defineLazyData(this);
    }
    return this;
  }

  /**
   * Copies bytes `[byteOffset, byteOffset + target.length)` of the C-order, little-endian element
   * data into `target`. On a lazy tensor only that range is read and transformed, and nothing is
   * kept.
   *
   * @throws {InteropError} E_INVALID_ARGUMENT when the range is outside the tensor's bytes; what
   *   the source throws when it cannot be read.
   * @example
   * ```ts
   * const block = new Uint8Array(1 << 20);
   * kernel.readBytes(0, block); // the first MiB of the transposed kernel
   * ```
   */
  readBytes(byteOffset: number, target: Uint8Array): void {
    readTensorBytes(this, byteOffset, target);
  }

  /** The elements as float32 (exact for half types; rounding for float64 and wide ints). */
  toFloat32(): Float32Array {
    const d = valuesOf(this);
    if (this.dtype === 'float16') return decodeFloat16(d as Uint16Array);
    if (this.dtype === 'bfloat16') return decodeBfloat16(d as Uint16Array);
    if (d instanceof Float32Array) return d.slice();
    return Float32Array.from(d as ArrayLike<number | bigint>, Number);
  }

  /** The elements as float64 (exact for every float dtype). */
  toFloat64(): Float64Array {
    const d = valuesOf(this);
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
      return Tensor.fromArray(valuesOf(this) as ArrayLike<bigint>, this.shape, dtype);
    }
    return Tensor.fromArray(this.toFloat64(), this.shape, dtype);
  }

  /** A deep copy. */
  clone(): Tensor<D> {
    const data = pendingOf(this) === undefined ? this.data.slice() : materializeStorage(this);
    return new Tensor(this.dtype, this.shape, data as DTypeStorage[D]);
  }

  /**
   * The same elements under another shape (no copy; a lazy tensor stays lazy). One axis may be `-1`.
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
    if (this.isLazy) {
      const op = pendingOf(this)!;
      return lazyTensor(this.dtype, target, { op: 'reshape', input: op.op === 'reshape' ? op.input : this });
    }
    return new Tensor(this.dtype, target, this.data);
  }

  /** The element bytes in little-endian order (a view when possible). */
  bytes(): Uint8Array {
    const d = valuesOf(this);
    return new Uint8Array(d.buffer, d.byteOffset, this.byteLength);
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
