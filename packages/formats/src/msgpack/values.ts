import type { DType, Tensor } from '@interop/core';

/** Where one stretch of an array's element bytes lies in the file. */
export interface ByteRange {
  /** Absolute byte offset of the first element byte. */
  offset: number;
  /** Number of bytes. */
  byteLength: number;
}

/**
 * An array leaf found by the scanner, not yet loaded: its dtype, shape and where its bytes lie
 * (several ranges when Flax split it into `__msgpack_chunked_array__` chunks).
 *
 * @example
 * ```ts
 * const leaf = file.get(['params', 'Dense_0', 'kernel']);
 * if (leaf instanceof LazyArray) console.log(leaf.dtype, leaf.shape, leaf.byteLength);
 * ```
 */
export class LazyArray {
  constructor(
    /** The element type (`bfloat16` is recognised by name, as Flax writes it). */
    readonly dtype: DType,
    /** The array shape. */
    readonly shape: readonly number[],
    /** The byte ranges of the C-order element data, in order. */
    readonly ranges: readonly ByteRange[],
    /** `'ndarray'` for ext 1 (arrays), `'npscalar'` for ext 3 (numpy scalars). */
    readonly kind: 'ndarray' | 'npscalar',
    /** The tree path of the leaf (keys joined by `/`). */
    readonly path: string,
  ) {}

  /** Total element bytes. */
  get byteLength(): number {
    let n = 0;
    for (const r of this.ranges) n += r.byteLength;
    return n;
  }
}

/**
 * A numpy scalar (`np.float32(1.5)`), which Flax writes as ext 3 and reads back as a scalar, not
 * a 0-d array.
 *
 * @example
 * ```ts
 * new NumpyScalar(Tensor.fromArray([1.5], [], 'float32'));
 * ```
 */
export class NumpyScalar {
  constructor(
    /** The value as a 0-d tensor. */
    readonly tensor: Tensor,
  ) {}
}

/**
 * A Python `complex`, which Flax writes as ext 2 holding two float64s.
 *
 * @example
 * ```ts
 * new ComplexValue(1, -2); // 1-2j
 * ```
 */
export class ComplexValue {
  constructor(
    /** Real part. */
    readonly re: number,
    /** Imaginary part. */
    readonly im: number,
  ) {}
}

/**
 * A msgpack extension this package does not interpret; kept as raw bytes so it can be written back.
 *
 * @example
 * ```ts
 * new ExtValue(42, new Uint8Array([1, 2]));
 * ```
 */
export class ExtValue {
  constructor(
    /** Extension type code (-128..127). */
    readonly type: number,
    /** Raw payload. */
    readonly data: Uint8Array,
  ) {}
}

/**
 * A value in a Flax msgpack tree. Python `int` is a `bigint`, Python `float` a `number` (written as
 * float64, as msgpack-python does), `bytes` a `Uint8Array`, dicts are `Map`s in file order, lists
 * are arrays. Array leaves are `Tensor`s once loaded, {@link LazyArray}s before.
 */
export type MsgpackValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | Tensor
  | LazyArray
  | NumpyScalar
  | ComplexValue
  | ExtValue
  | MsgpackValue[]
  | MsgpackMap;

/** A msgpack map, keys in file order. */
export type MsgpackMap = Map<string, MsgpackValue>;

/**
 * What the writers accept: {@link MsgpackValue} plus plain objects and maps with number keys
 * (NNX pure dicts), which are written with string keys as `flax.serialization.to_bytes` does.
 */
export type MsgpackInput = MsgpackValue | Map<string | number, MsgpackInput> | MsgpackInput[] | { readonly [key: string]: MsgpackInput };
