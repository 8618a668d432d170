import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { float32ToBfloat16Bits, float32ToFloat16Bits } from './half.js';

// Reference values from NumPy (float16) and ml_dtypes (bfloat16), written by
// tooling/conformance/generators/half_rounding.py. Read directly: core cannot depend on the
// fixture loader, which depends on core.
const manifest = JSON.parse(
  readFileSync(new URL('../../../../tooling/conformance/fixtures/half_rounding/float32_to_half.json', import.meta.url), 'utf8'),
) as { float32_bits: number[]; float16_bits: number[]; bfloat16_bits: number[] };

function fromBits(bits: number): number {
  return new Float32Array(new Uint32Array([bits]).buffer)[0]!;
}

function isNaN16(bits: number, expMask: number, mantMask: number): boolean {
  return (bits & expMask) === expMask && (bits & mantMask) !== 0;
}

describe('float32 -> half rounding agrees with NumPy and ml_dtypes', () => {
  it('has a reference set covering ties, subnormals, overflow and NaNs', () => {
    expect(manifest.float32_bits.length).toBeGreaterThan(10_000);
  });

  it('float16 matches numpy astype(float16) bit for bit (NaN: any NaN with the same sign)', () => {
    const wrong: string[] = [];
    manifest.float32_bits.forEach((bits, i) => {
      const want = manifest.float16_bits[i]!;
      const got = float32ToFloat16Bits(fromBits(bits));
      const ok = isNaN16(want, 0x7c00, 0x3ff) ? isNaN16(got, 0x7c00, 0x3ff) && (got & 0x8000) === (want & 0x8000) : got === want;
      if (!ok) wrong.push(`0x${bits.toString(16)} -> 0x${got.toString(16)} (numpy 0x${want.toString(16)})`);
    });
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('bfloat16 matches ml_dtypes astype(bfloat16) bit for bit (NaN: any NaN with the same sign)', () => {
    const wrong: string[] = [];
    manifest.float32_bits.forEach((bits, i) => {
      const want = manifest.bfloat16_bits[i]!;
      const got = float32ToBfloat16Bits(fromBits(bits));
      const ok = isNaN16(want, 0x7f80, 0x7f) ? isNaN16(got, 0x7f80, 0x7f) && (got & 0x8000) === (want & 0x8000) : got === want;
      if (!ok) wrong.push(`0x${bits.toString(16)} -> 0x${got.toString(16)} (ml_dtypes 0x${want.toString(16)})`);
    });
    expect(wrong.slice(0, 5)).toEqual([]);
  });
});
