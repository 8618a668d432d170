import { describe, expect, it } from 'vitest';
import type { DType } from './dtype.js';
import { DTYPES } from './dtype.js';
import { concat, invertPermutation, isPermutation, sliceAxis, split, transpose } from './layout.js';
import { Tensor, stridesOf } from './tensor.js';

const ALL_DTYPES = Object.keys(DTYPES) as DType[];

/** 0, 1, 2, ... as `dtype` (bool alternates). */
function iota(shape: number[], dtype: DType): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const values = Array.from({ length: n }, (_, i) => (dtype === 'bool' ? i % 2 : i % 120));
  return Tensor.fromArray(values, shape, dtype);
}

describe('transpose', () => {
  it('moves element [a, b, c] of a (2, 3, 4) tensor to [c, a, b] for perm (2, 0, 1)', () => {
    const x = iota([2, 3, 4], 'int32');
    const y = transpose(x, [2, 0, 1]);
    expect(y.shape).toEqual([4, 2, 3]);
    const xs = stridesOf(x.shape);
    const ys = stridesOf(y.shape);
    for (let a = 0; a < 2; a++)
      for (let b = 0; b < 3; b++)
        for (let c = 0; c < 4; c++) {
          expect(y.data[c * ys[0]! + a * ys[1]! + b * ys[2]!]).toBe(x.data[a * xs[0]! + b * xs[1]! + c * xs[2]!]);
        }
  });

  it('matches a hand-written 2-d transpose', () => {
    const y = transpose(Tensor.fromArray([1, 2, 3, 4, 5, 6], [2, 3], 'float32'), [1, 0]);
    expect(y.shape).toEqual([3, 2]);
    expect(y.toArray()).toEqual([1, 4, 2, 5, 3, 6]);
  });

  it.each(ALL_DTYPES)('keeps %s bit patterns and undoes itself with the inverse permutation (rank 4)', (dtype) => {
    const x = iota([2, 3, 1, 4], dtype);
    const perm = [3, 1, 0, 2];
    const y = transpose(x, perm);
    expect(y.dtype).toBe(dtype);
    expect(y.shape).toEqual([4, 3, 2, 1]);
    expect(transpose(y, invertPermutation(perm)).equals(x)).toBe(true);
  });

  it('handles scalars and empty tensors', () => {
    expect(transpose(Tensor.fromArray([7], [], 'float64'), []).toArray()).toEqual([7]);
    expect(transpose(Tensor.zeros([0, 3], 'float32'), [1, 0]).shape).toEqual([3, 0]);
  });

  it('rejects a non-permutation', () => {
    expect(() => transpose(Tensor.zeros([2, 2], 'float32'), [0, 0])).toThrowErrorMatchingInlineSnapshot(
      `[InteropError: Transpose needs a permutation of the tensor axes. Expected a permutation of 0..1, found [0,0]. See docs/errors.md#e_invalid_argument]`,
    );
  });

  it('knows permutations and their inverses', () => {
    expect(isPermutation([2, 0, 1])).toBe(true);
    expect(isPermutation([2, 0, 2])).toBe(false);
    expect(invertPermutation([2, 0, 1])).toEqual([1, 2, 0]);
  });
});

describe('concat, split and sliceAxis', () => {
  it('concatenates along the last axis', () => {
    const a = Tensor.fromArray([1, 2, 3, 4], [2, 2], 'int8');
    const b = Tensor.fromArray([9, 8], [2, 1], 'int8');
    const c = concat([a, b], -1);
    expect(c.shape).toEqual([2, 3]);
    expect(c.toArray()).toEqual([1, 2, 9, 3, 4, 8]);
    expect(c.dtype).toBe('int8');
  });

  it.each(ALL_DTYPES)('splits then concatenates %s back bit for bit', (dtype) => {
    const x = iota([3, 10, 2], dtype);
    const parts = split(x, 1, [3, 0, 7]);
    expect(parts.map((p) => p.shape)).toEqual([
      [3, 3, 2],
      [3, 0, 2],
      [3, 7, 2],
    ]);
    expect(concat(parts, 1).equals(x)).toBe(true);
  });

  it('slices one axis', () => {
    const x = Tensor.fromArray([0, 1, 2, 3, 4, 5], [3, 2], 'uint16');
    expect(sliceAxis(x, 0, 1, 3).toArray()).toEqual([2, 3, 4, 5]);
    expect(sliceAxis(x, 1, 1, 2).toArray()).toEqual([1, 3, 5]);
  });

  it('refuses sizes that do not add up, and parts that do not fit', () => {
    expect(() => split(Tensor.zeros([10], 'float32'), 0, [3, 6])).toThrowErrorMatchingInlineSnapshot(
      `[InteropError: Split sizes must add up to the length of axis 0. Expected 10, found [3, 6] (sum 9). See docs/errors.md#e_shape_mismatch]`,
    );
    expect(() => concat([Tensor.zeros([2, 2], 'float32'), Tensor.zeros([3, 3], 'float32')], 0)).toThrow(/equal shapes/);
    expect(() => concat([Tensor.zeros([2], 'float32'), Tensor.zeros([2], 'float64')], 0)).toThrow(/one dtype/);
  });
});
