import { describe, expect, it } from 'vitest';
import { bfloat16BitsToFloat32, float16BitsToFloat32, float32ToBfloat16Bits, float32ToFloat16Bits } from './half.js';

// One expect per pattern made these 65536-step loops slow enough to time out on a loaded CI
// machine; the bad patterns are collected and asserted once instead.
describe('half-precision conversion', () => {
  it('round-trips every float16 bit pattern (NaN stays NaN)', () => {
    const bad: number[] = [];
    for (let bits = 0; bits < 65536; bits++) {
      const v = float16BitsToFloat32(bits);
      const back = float32ToFloat16Bits(v);
      const ok = Number.isNaN(v)
        ? (back & 0x7c00) === 0x7c00 && (back & 0x3ff) !== 0 && (back & 0x8000) === (bits & 0x8000)
        : back === bits;
      if (!ok) bad.push(bits);
    }
    expect(bad).toEqual([]);
  });

  it('round-trips every bfloat16 bit pattern (NaN stays NaN)', () => {
    const bad: number[] = [];
    for (let bits = 0; bits < 65536; bits++) {
      const v = bfloat16BitsToFloat32(bits);
      const back = float32ToBfloat16Bits(v);
      const ok = Number.isNaN(v) ? (back & 0x7f80) === 0x7f80 && (back & 0x7f) !== 0 : back === bits;
      if (!ok) bad.push(bits);
    }
    expect(bad).toEqual([]);
  });
});
