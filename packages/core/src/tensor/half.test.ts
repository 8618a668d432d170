import { describe, expect, it } from 'vitest';
import {
  bfloat16BitsToFloat32,
  float16BitsToFloat32,
  float32ToBfloat16Bits,
  float32ToFloat16Bits,
} from './half.js';

describe('half-precision conversion', () => {
  it('round-trips every float16 bit pattern (NaN stays NaN)', () => {
    for (let bits = 0; bits < 65536; bits++) {
      const v = float16BitsToFloat32(bits);
      const back = float32ToFloat16Bits(v);
      if (Number.isNaN(v)) {
        expect((back & 0x7c00) === 0x7c00 && (back & 0x3ff) !== 0).toBe(true);
        expect(back & 0x8000).toBe(bits & 0x8000);
      } else {
        expect(back).toBe(bits);
      }
    }
  });

  it('round-trips every bfloat16 bit pattern (NaN stays NaN)', () => {
    for (let bits = 0; bits < 65536; bits++) {
      const v = bfloat16BitsToFloat32(bits);
      const back = float32ToBfloat16Bits(v);
      if (Number.isNaN(v)) {
        expect((back & 0x7f80) === 0x7f80 && (back & 0x7f) !== 0).toBe(true);
      } else {
        expect(back).toBe(bits);
      }
    }
  });
});
