import { Tensor, transpose } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { fromNdarray, toNdarray } from './ndarray-view.js';

describe('ndarray bridge', () => {
  const t = Tensor.fromArray(
    Array.from({ length: 24 }, (_, i) => i * 0.5 - 3),
    [2, 3, 4],
    'float32',
  );

  it('views a float32 tensor without copying', () => {
    const v = toNdarray(t);
    expect(v.data).toBe(t.data);
    expect(v.get(1, 2, 3)).toBe(t.data[23]);
  });

  it('copies a transposed view back in C order, equal to core.transpose', () => {
    const back = fromNdarray(toNdarray(t).transpose(2, 0, 1));
    expect(back.equals(transpose(t, [2, 0, 1]))).toBe(true);
  });

  it('round-trips bfloat16 through a float32 view and back bit for bit', () => {
    const b = t.astype('bfloat16');
    expect(fromNdarray(toNdarray(b), 'bfloat16').equals(b)).toBe(true);
  });

  it('refuses 64-bit integers with E_DTYPE', () => {
    expect(() => toNdarray(Tensor.zeros([2], 'int64'))).toThrow(expect.objectContaining({ code: 'E_DTYPE' }));
  });
});
