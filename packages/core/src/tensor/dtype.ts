import { InteropError } from '../errors/interop-error.js';

/**
 * Element types a {@link Tensor} can hold, named as NumPy/JAX name them.
 * `float16` and `bfloat16` are stored as raw 16-bit patterns in a `Uint16Array`; `bool` as bytes.
 */
export type DType =
  | 'float32'
  | 'float64'
  | 'float16'
  | 'bfloat16'
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'uint64'
  | 'bool';

/** The typed array that stores each {@link DType}. */
export interface DTypeStorage {
  float32: Float32Array;
  float64: Float64Array;
  float16: Uint16Array;
  bfloat16: Uint16Array;
  int8: Int8Array;
  int16: Int16Array;
  int32: Int32Array;
  int64: BigInt64Array;
  uint8: Uint8Array;
  uint16: Uint16Array;
  uint32: Uint32Array;
  uint64: BigUint64Array;
  bool: Uint8Array;
}

/** Any storage array of a tensor. */
export type TensorStorage = DTypeStorage[DType];

/** Facts about one dtype. */
export interface DTypeInfo {
  /** Bytes per element. */
  readonly itemSize: number;
  /** Numeric family. */
  readonly kind: 'float' | 'int' | 'uint' | 'bool';
  /** Constructor of the storage array. */
  readonly storage: new (
    length: number,
  ) => TensorStorage;
}

/** Facts for every {@link DType}, keyed by name. */
export const DTYPES: Readonly<Record<DType, DTypeInfo>> = Object.freeze({
  float32: { itemSize: 4, kind: 'float', storage: Float32Array },
  float64: { itemSize: 8, kind: 'float', storage: Float64Array },
  float16: { itemSize: 2, kind: 'float', storage: Uint16Array },
  bfloat16: { itemSize: 2, kind: 'float', storage: Uint16Array },
  int8: { itemSize: 1, kind: 'int', storage: Int8Array },
  int16: { itemSize: 2, kind: 'int', storage: Int16Array },
  int32: { itemSize: 4, kind: 'int', storage: Int32Array },
  int64: { itemSize: 8, kind: 'int', storage: BigInt64Array },
  uint8: { itemSize: 1, kind: 'uint', storage: Uint8Array },
  uint16: { itemSize: 2, kind: 'uint', storage: Uint16Array },
  uint32: { itemSize: 4, kind: 'uint', storage: Uint32Array },
  uint64: { itemSize: 8, kind: 'uint', storage: BigUint64Array },
  bool: { itemSize: 1, kind: 'bool', storage: Uint8Array },
} satisfies Record<DType, DTypeInfo>);

/** True when `name` is a {@link DType}. */
export function isDType(name: unknown): name is DType {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(DTYPES, name);
}

/**
 * Returns the facts of a dtype, or throws `E_DTYPE` naming the known ones.
 *
 * @throws {InteropError} E_DTYPE when `name` is not a known dtype.
 */
export function dtypeInfo(name: string): DTypeInfo {
  if (!isDType(name)) {
    throw new InteropError('E_DTYPE', `Unknown dtype "${name}"`, {
      expected: Object.keys(DTYPES).join(', '),
      found: name,
    });
  }
  return DTYPES[name];
}

/** True for float32, float64, float16 and bfloat16. */
export function isFloatDType(dtype: DType): boolean {
  return DTYPES[dtype].kind === 'float';
}
