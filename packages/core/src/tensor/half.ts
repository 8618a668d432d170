// Bit-exact conversions between float32 and the two 16-bit float formats, which Node 20 lacks
// natively (no Float16Array, no Math.f16round).

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** Converts a bfloat16 bit pattern to its (exact) float32 value. */
export function bfloat16BitsToFloat32(bits: number): number {
  u32[0] = (bits & 0xffff) << 16;
  return f32[0]!;
}

/**
 * Rounds a number to the nearest bfloat16 (ties to even) and returns its bit pattern.
 * NaN stays NaN (quiet, sign kept); infinities and signed zeros are kept.
 */
export function float32ToBfloat16Bits(value: number): number {
  f32[0] = value;
  const x = u32[0]!;
  if ((x & 0x7f800000) === 0x7f800000 && (x & 0x007fffff) !== 0) {
    // Rounding would carry a small NaN payload into the exponent and make it Inf.
    return ((x >>> 16) | 0x0040) & 0xffff;
  }
  const lsb = (x >>> 16) & 1;
  return ((x + 0x7fff + lsb) >>> 16) & 0xffff;
}

/** Converts a float16 (IEEE binary16) bit pattern to its (exact) float32 value. */
export function float16BitsToFloat32(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >>> 10) & 0x1f;
  const frac = bits & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 0x1f) {
    if (frac === 0) return sign * Infinity;
    // Build the NaN through float32 bits so its sign and payload survive.
    u32[0] = ((bits & 0x8000) << 16) | 0x7f800000 | (frac << 13);
    return f32[0]!;
  }
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

/**
 * Rounds a number (first to float32, as NumPy does for float32 input) to the nearest float16,
 * ties to even, and returns its bit pattern. Overflow gives Inf; NaN stays NaN with its sign.
 */
export function float32ToFloat16Bits(value: number): number {
  f32[0] = value;
  const x = u32[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) {
    return mant !== 0 ? sign | 0x7e00 | (mant >>> 13) : sign | 0x7c00;
  }
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    // Subnormal half: shift the full significand (with its implicit 1) and round to even.
    mant |= 0x800000;
    const shift = 14 - e;
    const half = 1 << (shift - 1);
    const rest = mant & ((1 << shift) - 1);
    let result = mant >>> shift;
    if (rest > half || (rest === half && (result & 1) === 1)) result += 1;
    return sign | result;
  }
  let result = (e << 10) | (mant >>> 13);
  const rest = mant & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && (result & 1) === 1)) result += 1;
  // A carry out of the mantissa correctly bumps the exponent, up to Inf.
  return sign | result;
}

let f16Table: Float32Array | undefined;

/** Decodes a whole float16 array to float32 through a 65,536-entry lookup table. */
export function decodeFloat16(bits: Uint16Array): Float32Array {
  if (!f16Table) {
    f16Table = new Float32Array(65536);
    for (let i = 0; i < 65536; i++) f16Table[i] = float16BitsToFloat32(i);
  }
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) out[i] = f16Table[bits[i]!]!;
  return out;
}

/** Decodes a whole bfloat16 array to float32. */
export function decodeBfloat16(bits: Uint16Array): Float32Array {
  const out = new Uint32Array(bits.length);
  for (let i = 0; i < bits.length; i++) out[i] = bits[i]! << 16;
  return new Float32Array(out.buffer);
}

/** Encodes numbers as float16 bit patterns (round to nearest even). */
export function encodeFloat16(values: ArrayLike<number>): Uint16Array {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = float32ToFloat16Bits(values[i]!);
  return out;
}

/** Encodes numbers as bfloat16 bit patterns (round to nearest even). */
export function encodeBfloat16(values: ArrayLike<number>): Uint16Array {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = float32ToBfloat16Bits(values[i]!);
  return out;
}
