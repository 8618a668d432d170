import { InteropError } from '../errors/interop-error.js';
import type { DTypeStorage } from './dtype.js';
import { float16BitsToFloat32, float32ToBfloat16Bits, float32ToFloat16Bits, bfloat16BitsToFloat32 } from './half.js';
import { Tensor } from './tensor.js';

type Half = { decode(bits: number): number; encode(value: number): number };
const HALF: Record<'float16' | 'bfloat16', Half> = {
  float16: { decode: float16BitsToFloat32, encode: float32ToFloat16Bits },
  bfloat16: { decode: bfloat16BitsToFloat32, encode: float32ToBfloat16Bits },
};

function addHalf(bits: Uint16Array, constant: number, codec: Half): Uint16Array {
  // As JAX does with a weakly typed Python scalar: the constant is first rounded to the tensor's
  // dtype, the sum is formed in float32, then rounded to nearest even. Rounding twice here is
  // harmless because float32 has more than twice the precision of either 16-bit format.
  const c = codec.decode(codec.encode(constant));
  const out = new Uint16Array(bits.length);
  for (let i = 0; i < bits.length; i++) out[i] = codec.encode(Math.fround(codec.decode(bits[i]!) + c));
  return out;
}

function integerConstant(constant: number | bigint, dtype: string): bigint {
  if (typeof constant === 'bigint') return constant;
  if (!Number.isSafeInteger(constant)) {
    throw new InteropError('E_INVALID_ARGUMENT', `Cannot add a non-integer constant to a ${dtype} tensor`, {
      expected: 'a safe integer or a bigint',
      found: constant,
    });
  }
  return BigInt(constant);
}

/**
 * Adds a constant to every element and keeps the dtype, the way JAX adds a Python scalar:
 * float32 sums are rounded to float32, float16/bfloat16 go through float32 and round to nearest
 * even, integers wrap around like fixed-width machine integers.
 *
 * Adding then subtracting the same constant restores every integer tensor bit for bit; for floats
 * it does so only where no rounding happened (e.g. small integers or dyadic fractions).
 *
 * @throws {InteropError} E_DTYPE for bool tensors; E_INVALID_ARGUMENT for a non-integer constant
 *   on an integer tensor.
 * @example
 * ```ts
 * addScalar(Tensor.fromArray([1, 2], [2], 'bfloat16'), 1).toArray(); // [2, 3], still bfloat16
 * ```
 */
export function addScalar<T extends Tensor>(x: T, constant: number | bigint): T {
  const dtype = x.dtype;
  let out: DTypeStorage[keyof DTypeStorage];
  if (dtype === 'bool') {
    throw new InteropError('E_DTYPE', 'Cannot add a constant to a bool tensor', { found: dtype });
  } else if (dtype === 'float16' || dtype === 'bfloat16') {
    out = addHalf(x.data as Uint16Array, Number(constant), HALF[dtype]);
  } else if (dtype === 'float32') {
    const c = Math.fround(Number(constant));
    const src = x.data as Float32Array;
    out = new Float32Array(src.length);
    for (let i = 0; i < src.length; i++) out[i] = src[i]! + c;
  } else if (dtype === 'float64') {
    const c = Number(constant);
    out = (x.data as Float64Array).map((v) => v + c);
  } else if (dtype === 'int64' || dtype === 'uint64') {
    const c = integerConstant(constant, dtype);
    const wrap = dtype === 'int64' ? BigInt.asIntN : BigInt.asUintN;
    out = (x.data as BigInt64Array).map((v) => wrap(64, v + c)) as BigInt64Array | BigUint64Array;
  } else {
    // Reducing the constant modulo 2^32 first keeps every intermediate sum exact in a double;
    // storing into the typed array then wraps to the element width.
    const c = Number(BigInt.asUintN(32, integerConstant(constant, dtype)));
    const src = x.data as Int32Array;
    const Ctor = src.constructor as new (n: number) => Int32Array;
    const dst = new Ctor(src.length);
    for (let i = 0; i < src.length; i++) dst[i] = src[i]! + c;
    out = dst;
  }
  return new Tensor(dtype, x.shape, out as DTypeStorage[T['dtype']]) as T;
}
