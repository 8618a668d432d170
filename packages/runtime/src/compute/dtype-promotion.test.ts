import { Tensor } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { castTo, promoteFloatDtypes } from './dtype-promotion.js';

const t = (dtype: 'float16' | 'bfloat16' | 'float32' | 'float64' | 'int32') => Tensor.fromArray([1.5, -2], [2], dtype);

describe('promoteFloatDtypes', () => {
  it('keeps a common float dtype and ignores ids and missing arrays', () => {
    expect(promoteFloatDtypes([t('bfloat16'), undefined, t('int32'), t('bfloat16')])).toBe('bfloat16');
    expect(promoteFloatDtypes([t('int32'), null])).toBe('float32');
  });

  it('meets mixed dtypes as JAX does: float64 wins, else float32', () => {
    expect(promoteFloatDtypes([t('float16'), t('bfloat16')])).toBe('float32');
    expect(promoteFloatDtypes([t('float16'), t('float64')])).toBe('float64');
  });
});

describe('castTo', () => {
  it('returns the same tensor for its own dtype and rounds to another', () => {
    const x = Tensor.fromArray([1 / 3], [1], 'float32');
    expect(castTo(x, 'float32')).toBe(x);
    expect(castTo(x, 'bfloat16').toArray()).toEqual([0.333984375]);
  });
});
