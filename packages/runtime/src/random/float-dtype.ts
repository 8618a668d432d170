import {
  InteropError,
  Tensor,
  bfloat16BitsToFloat32,
  encodeBfloat16,
  encodeFloat16,
  float16BitsToFloat32,
  float32ToBfloat16Bits,
  float32ToFloat16Bits,
} from '@interop/core';
import type { Shape } from '@interop/core';

/** Float dtypes the samplers can produce. */
export type FloatDType = 'float16' | 'bfloat16' | 'float32' | 'float64';

/** Mantissa bits per float dtype (`finfo(dtype).nmant`). */
export const MANTISSA_BITS: Readonly<Record<FloatDType, number>> = {
  float16: 10,
  bfloat16: 7,
  float32: 23,
  float64: 52,
};

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The float32 whose bit pattern is `bits`. */
export function f32FromBits(bits: number): number {
  u32[0] = bits >>> 0;
  return f32[0]!;
}

/** The bit pattern of `x` rounded to float32. */
export function f32Bits(x: number): number {
  f32[0] = x;
  return u32[0]!;
}

/**
 * The rounding of one arithmetic result to `dtype`. Half types round through float32 first, as
 * XLA's CPU backend computes half arithmetic in float32 and narrows after every operation.
 *
 * @example
 * ```ts
 * roundFor('bfloat16')(1.00390625); // 1
 * ```
 */
export function roundFor(dtype: FloatDType): (x: number) => number {
  switch (dtype) {
    case 'float32':
      return Math.fround;
    case 'float64':
      return (x) => x;
    case 'bfloat16':
      return (x) => bfloat16BitsToFloat32(float32ToBfloat16Bits(x));
    case 'float16':
      return (x) => float16BitsToFloat32(float32ToFloat16Bits(x));
  }
}

/**
 * Checks a user-supplied float dtype (default float32).
 *
 * @throws {InteropError} E_DTYPE for anything but float16, bfloat16, float32, float64.
 * @example
 * ```ts
 * checkFloatDType(undefined, 'uniform'); // 'float32'
 * ```
 */
export function checkFloatDType(dtype: string | undefined, op: string): FloatDType {
  const d = dtype ?? 'float32';
  if (d === 'float16' || d === 'bfloat16' || d === 'float32' || d === 'float64') return d;
  throw new InteropError('E_DTYPE', `${op} needs a float dtype`, {
    expected: 'float16, bfloat16, float32 or float64',
    found: d,
  });
}

/**
 * The next representable value of `dtype` after `x` towards `toward` (`lax.nextafter`).
 *
 * @example
 * ```ts
 * nextAfter(-1, 0, 'float32'); // -0.99999994
 * ```
 */
export function nextAfter(x: number, toward: number, dtype: FloatDType): number {
  if (Number.isNaN(x) || Number.isNaN(toward)) return NaN;
  if (x === toward) return toward;
  const up = toward > x;
  if (dtype === 'float64') {
    const view = new DataView(new ArrayBuffer(8));
    if (x === 0) return up ? Number.MIN_VALUE : -Number.MIN_VALUE;
    view.setFloat64(0, x);
    const b = view.getBigUint64(0);
    view.setBigUint64(0, x > 0 === up ? b + 1n : b - 1n);
    return view.getFloat64(0);
  }
  if (dtype === 'float32') {
    if (x === 0) return f32FromBits(up ? 1 : 0x80000001);
    const b = f32Bits(x);
    return f32FromBits(x > 0 === up ? b + 1 : b - 1);
  }
  const toBits = dtype === 'float16' ? float32ToFloat16Bits : float32ToBfloat16Bits;
  const fromBits = dtype === 'float16' ? float16BitsToFloat32 : bfloat16BitsToFloat32;
  if (x === 0) return fromBits(up ? 1 : 0x8001);
  const b = toBits(x);
  return fromBits(x > 0 === up ? b + 1 : b - 1);
}

/**
 * Packs values that are already representable in `dtype` into a tensor of that dtype.
 *
 * @example
 * ```ts
 * floatTensor([0.5, 1], [2], 'bfloat16').data; // Uint16Array
 * ```
 */
export function floatTensor(values: ArrayLike<number>, shape: Shape, dtype: FloatDType): Tensor {
  switch (dtype) {
    case 'float32':
      return new Tensor('float32', shape, Float32Array.from(values));
    case 'float64':
      return new Tensor('float64', shape, Float64Array.from(values));
    case 'bfloat16':
      return new Tensor('bfloat16', shape, encodeBfloat16(values));
    case 'float16':
      return new Tensor('float16', shape, encodeFloat16(values));
  }
}
