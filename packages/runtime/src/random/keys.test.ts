import { describe, expect, it } from 'vitest';
import { isInteropError } from '@interop/core';
import { loadCase, tensorBits } from './__fixtures__/load.js';
import type { Encoded } from './__fixtures__/load.js';
import { PRNGKey, bits, foldIn, key, keyData, split, wrapKeyData } from './index.js';

type Words = number[] | number[][] | number[][][];
const { cases } = loadCase<{ cases: Record<string, Words | Encoded | Record<string, number[]>> }>('keys');
const words = (name: string) => cases[name] as Words;
const enc = (name: string) => cases[name] as Encoded;
const flat = (w: Words) => (w as unknown[]).flat(3) as number[];

describe('keys match jax.random', () => {
  it('seeds (x64 off: high word 0, low word = seed mod 2**32)', () => {
    for (const [seed, want] of Object.entries(cases.seeds as Record<string, number[]>)) {
      expect(Array.from(key(Number(seed)).data)).toEqual(want);
    }
    expect(Array.from(PRNGKey(0).data)).toEqual(words('prngkey_0'));
  });

  it('split, 2 and 3 ways and by shape', () => {
    expect(Array.from(split(key(0)).data)).toEqual(flat(words('split_0')));
    expect(Array.from(split(key(42)).data)).toEqual(flat(words('split_42')));
    expect(Array.from(split(key(0), 3).data)).toEqual(flat(words('split_0_3')));
    expect(Array.from(split(key(42), 3).data)).toEqual(flat(words('split_42_3')));
    const grid = split(key(0), [2, 3]);
    expect(grid.shape).toEqual([2, 3]);
    expect(Array.from(grid.data)).toEqual(flat(words('split_0_2x3')));
    expect(Array.from(split(PRNGKey(0)).data)).toEqual(flat(words('split_raw_0')));
  });

  it('unpacks over the first axis as Python does (k1, k2 = split(k); rows of a [2, 3] grid)', () => {
    const [k1, k2] = split(key(42));
    expect([Array.from(k1!.data), Array.from(k2!.data)]).toEqual(words('split_42'));
    expect(k1!.shape).toEqual([]);
    expect(k1!.typed).toBe(true);
    const rows = [...split(key(0), [2, 3])];
    expect(rows.map((r) => r.shape)).toEqual([[3], [3]]);
    expect(rows.map((r) => Array.from(r.data))).toEqual((words('split_0_2x3') as number[][][]).map((row) => row.flat()));
    const [r1] = split(PRNGKey(0));
    expect(r1!.typed).toBe(false);
    expect(Array.from(r1!.data)).toEqual((words('split_raw_0') as number[][])[0]);
    expect(() => [...key(0)]).toThrow(/cannot be iterated/);
  });

  it('foldIn', () => {
    expect(Array.from(foldIn(key(0), 1).data)).toEqual(words('fold_in_0_1'));
    expect(Array.from(foldIn(key(0), 0).data)).toEqual(words('fold_in_0_0'));
    expect(Array.from(foldIn(key(42), 12345).data)).toEqual(words('fold_in_42_12345'));
    expect(Array.from(foldIn(key(42), 2 ** 32 - 1).data)).toEqual(words('fold_in_42_max'));
  });

  it('bits in every unsigned width', () => {
    expect(tensorBits(bits(key(0)))).toEqual(enc('bits_0_scalar').bits);
    expect(tensorBits(bits(key(0), [8]))).toEqual(enc('bits_0_8').bits);
    expect(tensorBits(bits(key(42), [2, 3]))).toEqual(enc('bits_42_2x3').bits);
    expect(tensorBits(bits(key(42), [7], { dtype: 'uint8' }))).toEqual(enc('bits_42_7_u8').bits);
    expect(tensorBits(bits(key(42), [7], { dtype: 'uint16' }))).toEqual(enc('bits_42_7_u16').bits);
    expect(tensorBits(bits(key(42), [5], { dtype: 'uint64' }))).toEqual(enc('bits_42_5_u64').bits);
  });
});

describe('key flavours', () => {
  it('print like JAX and derive the same bits', () => {
    expect(key(0).toString()).toBe('Array((), dtype=key<fry>) overlaying:\n[0 0]');
    expect(PRNGKey(0).toString()).toBe('[0 0]');
    expect(split(PRNGKey(0)).typed).toBe(false);
    expect(Array.from(split(PRNGKey(7)).data)).toEqual(Array.from(split(key(7)).data));
    expect(Array.from(split([0, 7]).data)).toEqual(Array.from(split(key(7)).data));
  });

  it('round-trips key data', () => {
    const ks = split(key(3), 4);
    const back = wrapKeyData(keyData(ks));
    expect(back.shape).toEqual([4]);
    expect(Array.from(back.data)).toEqual(Array.from(ks.data));
    expect(Array.from(ks.at(-1).data)).toEqual(Array.from(ks.data.slice(6)));
  });

  it('rejects bad arguments with InteropError codes', () => {
    const codeOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return isInteropError(e) ? e.code : 'other';
      }
      return 'none';
    };
    expect(codeOf(() => key(1.5))).toBe('E_INVALID_ARGUMENT');
    expect(codeOf(() => foldIn(key(0), -(2 ** 31) - 1))).toBe('E_INVALID_ARGUMENT');
    expect(codeOf(() => split(split(key(0)), 2))).toBe('E_INVALID_ARGUMENT');
    expect(codeOf(() => split(key(0), [-1]))).toBe('E_INVALID_ARGUMENT');
    expect(codeOf(() => bits(key(0), [2], { dtype: 'int32' as 'uint32' }))).toBe('E_DTYPE');
  });
});
