import { InteropError } from '../errors/interop-error.js';
import type { DType, TensorStorage } from './dtype.js';
import { float16BitsToFloat32, float32ToBfloat16Bits, float32ToFloat16Bits, bfloat16BitsToFloat32 } from './half.js';

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
 * Refuses what {@link addScalarStorage} cannot do, before any value is read.
 *
 * @throws {InteropError} E_DTYPE for bool; E_INVALID_ARGUMENT for a non-integer constant on an
 *   integer dtype.
 */
export function checkAddScalar(dtype: DType, constant: number | bigint): void {
  if (dtype === 'bool') throw new InteropError('E_DTYPE', 'Cannot add a constant to a bool tensor', { found: dtype });
  if (dtype.startsWith('int') || dtype.startsWith('uint')) integerConstant(constant, dtype);
}

/**
 * The elements of `src` (storage of `dtype`) plus a constant, in new storage of the same dtype,
 * with JAX's rounding and wrap-around (see `addScalar`).
 *
 * @throws {InteropError} as {@link checkAddScalar}.
 */
export function addScalarStorage(dtype: DType, src: TensorStorage, constant: number | bigint): TensorStorage {
  checkAddScalar(dtype, constant);
  if (dtype === 'float16' || dtype === 'bfloat16') return addHalf(src as Uint16Array, Number(constant), HALF[dtype]);
  if (dtype === 'float32') {
    const c = Math.fround(Number(constant));
    const s = src as Float32Array;
    const out = new Float32Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = s[i]! + c;
    return out;
  }
  if (dtype === 'float64') {
    const c = Number(constant);
    return (src as Float64Array).map((v) => v + c);
  }
  if (dtype === 'int64' || dtype === 'uint64') {
    const c = integerConstant(constant, dtype);
    const wrap = dtype === 'int64' ? BigInt.asIntN : BigInt.asUintN;
    return (src as BigInt64Array).map((v) => wrap(64, v + c)) as BigInt64Array | BigUint64Array;
  }
  // Reducing the constant modulo 2^32 first keeps every intermediate sum exact in a double;
  // storing into the typed array then wraps to the element width.
  const c = Number(BigInt.asUintN(32, integerConstant(constant, dtype)));
  const s = src as Int32Array;
  const Ctor = s.constructor as new (n: number) => Int32Array;
  const dst = new Ctor(s.length);
  for (let i = 0; i < s.length; i++) dst[i] = s[i]! + c;
  return dst;
}
