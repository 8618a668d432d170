import { describe, expect, it } from 'vitest';
import { addScalar } from './add-scalar.js';
import { Tensor } from './tensor.js';

describe('addScalar', () => {
  it('keeps float32 and rounds the sum to float32', () => {
    const y = addScalar(Tensor.fromArray([0.1, -2], [2], 'float32'), 1);
    expect(y.dtype).toBe('float32');
    expect(Array.from(y.data as Float32Array)).toEqual([Math.fround(Math.fround(0.1) + 1), -1]);
  });

  it('adds to bfloat16 through float32 with round-to-nearest-even', () => {
    // 1 + 2^-8 lies exactly between two bfloat16 values (spacing 2^-7 near 1): ties go to the even 1.0.
    const x = Tensor.fromArray([2 ** -8, 3], [2], 'bfloat16');
    const y = addScalar(x, 1);
    expect(y.dtype).toBe('bfloat16');
    expect(y.toArray()).toEqual([1, 4]);
    // 1 + 3·2^-8 is a tie between 1 + 2^-7 (odd) and 1 + 2^-6 (even).
    expect(addScalar(Tensor.fromArray([3 * 2 ** -8], [1], 'bfloat16'), 1).toArray()).toEqual([1 + 2 ** -6]);
  });

  it('adds to float16 and keeps NaN and infinities', () => {
    const y = addScalar(Tensor.fromArray([0.5, Infinity, NaN, 65504], [4], 'float16'), 1);
    expect(y.dtype).toBe('float16');
    expect(y.toArray()).toEqual([1.5, Infinity, NaN, 65504]);
  });

  it('wraps integers like machine arithmetic and round-trips them exactly', () => {
    const x = Tensor.fromArray([127, -128, 0], [3], 'int8');
    const y = addScalar(x, 1);
    expect(y.toArray()).toEqual([-128, -127, 1]);
    expect(addScalar(y, -1).equals(x)).toBe(true);
    const u = Tensor.fromArray([0, 4294967295], [2], 'uint32');
    expect(addScalar(addScalar(u, 7), -7).equals(u)).toBe(true);
    const big = Tensor.fromArray([9223372036854775807n, -1n], [2], 'int64');
    expect(Array.from(addScalar(big, 1).data as BigInt64Array)).toEqual([-9223372036854775808n, 0n]);
    expect(addScalar(addScalar(big, 1n), -1n).equals(big)).toBe(true);
  });

  it('refuses bool tensors and fractional constants on integers', () => {
    expect(() => addScalar(Tensor.zeros([1], 'bool'), 1)).toThrowErrorMatchingInlineSnapshot(
      `[InteropError: Cannot add a constant to a bool tensor. Found bool. See docs/errors.md#e_dtype]`,
    );
    expect(() => addScalar(Tensor.zeros([1], 'int32'), 0.5)).toThrow(/non-integer constant/);
  });
});
