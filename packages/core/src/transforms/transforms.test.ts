// Our version of the anchor's transform checks (§6.3 tests 1-11). Tests 12-14 check that unit
// carrying Quantities keep their units; tensors here carry no units, so they have no counterpart.
import { describe, expect, it } from 'vitest';
import type { DType } from '../tensor/dtype.js';
import { DTYPES } from '../tensor/dtype.js';
import { Tensor } from '../tensor/tensor.js';
import { AddScalar, Chain, Identity, PermuteAxes, ReorderBlocks, Reshape, SplitConcat, Transpose } from './index.js';

const ALL_DTYPES = Object.keys(DTYPES) as DType[];

function counting(shape: number[], dtype: DType = 'float32'): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return Tensor.fromArray(
    Array.from({ length: n }, (_, i) => (dtype === 'bool' ? i % 2 : i % 100)),
    shape,
    dtype,
  );
}

describe('Identity', () => {
  it('returns the very same tensor both ways', () => {
    const x = counting([3]);
    const t = new Identity();
    expect(t.forward(x)).toBe(x);
    expect(t.inverse(x)).toBe(x);
  });
});

describe('Transpose', () => {
  it('permutes (2, 3, 4) by (2, 0, 1) into (4, 2, 3) and back', () => {
    const x = counting([2, 3, 4]);
    const t = new Transpose([2, 0, 1]);
    const y = t.forward(x);
    expect(y.shape).toEqual([4, 2, 3]);
    // y[c, a, b] = x[a, b, c]: the first row of y walks x's last axis at c = 0.
    expect(y.toArray().slice(0, 6)).toEqual([0, 4, 8, 12, 16, 20]);
    expect(t.inverse(y).equals(x)).toBe(true);
  });

  it('stores the inverse permutation as the argsort', () => {
    expect(new Transpose([2, 0, 1]).inversePerm).toEqual([1, 2, 0]);
  });

  it('is also available as PermuteAxes', () => {
    const t = new PermuteAxes([1, 0]);
    expect(t).toBeInstanceOf(Transpose);
    const x = counting([2, 3]);
    expect(t.forward(x).shape).toEqual([3, 2]);
    expect(t.inverse(t.forward(x)).equals(x)).toBe(true);
  });

  it('refuses a non-permutation', () => {
    expect(() => new Transpose([0, 2])).toThrow(/permutation/);
  });
});

describe('Reshape', () => {
  it('goes from (6,) to (1, 1, 6) and back, with rules or fixed shapes', () => {
    const x = counting([6]);
    const byRule = new Reshape(
      (s) => [1, 1, ...s],
      (s) => [s[s.length - 1]!],
    );
    expect(byRule.forward(x).shape).toEqual([1, 1, 6]);
    expect(byRule.inverse(byRule.forward(x)).equals(x)).toBe(true);
    const fixed = new Reshape([1, 1, 6], [6]);
    expect(fixed.inverse(fixed.forward(x)).equals(x)).toBe(true);
  });
});

describe('AddScalar', () => {
  it('adds 1 forward and subtracts 1 on the way back', () => {
    const x = Tensor.fromArray([0, 1.5, -3], [3], 'float32');
    const t = new AddScalar(1);
    expect(t.forward(x).toArray()).toEqual([1, 2.5, -2]);
    expect(t.inverse(t.forward(x)).equals(x)).toBe(true);
  });

  it.each(['int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64'] as const)(
    'round-trips every %s tensor exactly, even across overflow',
    (dtype) => {
      const x = counting([50], dtype);
      const t = new AddScalar(200);
      expect(t.forward(x).dtype).toBe(dtype);
      expect(t.inverse(t.forward(x)).equals(x)).toBe(true);
    },
  );

  it.each(['float16', 'bfloat16', 'float32', 'float64'] as const)(
    'round-trips %s exactly where the sums are representable (small dyadic values)',
    (dtype) => {
      const values = [-4, -1.5, -0.25, 0, 0.5, 2, 3.75];
      const x = Tensor.fromArray(values, [values.length], dtype);
      const t = new AddScalar(1);
      expect(t.forward(x).dtype).toBe(dtype);
      expect(t.inverse(t.forward(x)).equals(x)).toBe(true);
    },
  );

  it('is not exact for floats in general, which is why exactness is asserted only where it holds', () => {
    const x = Tensor.fromArray([1e-8], [1], 'float32');
    const t = new AddScalar(1);
    expect(t.inverse(t.forward(x)).toArray()).toEqual([0]);
  });
});

describe('ReorderBlocks', () => {
  it('swaps the middle gate blocks with order (0, 2, 1, 3), which is its own inverse', () => {
    const x = Tensor.fromArray([0, 1, 2, 3], [4], 'int32');
    const t = new ReorderBlocks(0, [0, 2, 1, 3]);
    expect(t.forward(x).toArray()).toEqual([0, 2, 1, 3]);
    expect(t.forward(t.forward(x)).equals(x)).toBe(true);
    expect(t.inverse(t.forward(x)).equals(x)).toBe(true);
  });

  it('uses the argsort of a non-trivial order for the inverse, on a (12, 5) tensor', () => {
    const t = new ReorderBlocks(0, [2, 0, 3, 1]);
    expect(t.inverseOrder).toEqual([1, 3, 0, 2]);
    const x = counting([12, 5]);
    const y = t.forward(x);
    // Output block 0 (rows 0-2) is input block 2 (rows 6-8).
    expect(y.toArray().slice(0, 5)).toEqual(x.toArray().slice(30, 35));
    expect(t.inverse(y).equals(x)).toBe(true);
  });

  it.each(ALL_DTYPES)('round-trips %s along the last axis', (dtype) => {
    const x = counting([3, 8], dtype);
    const t = new ReorderBlocks(-1, [3, 1, 0, 2]);
    expect(t.inverse(t.forward(x)).equals(x)).toBe(true);
  });

  it('refuses an axis that does not split evenly', () => {
    expect(() => new ReorderBlocks(0, [1, 0]).forward(counting([3]))).toThrow(/equal blocks/);
  });
});

describe('SplitConcat', () => {
  it('cuts (10, 4) into (3, 4) and (7, 4) and joins them back exactly', () => {
    const x = counting([10, 4], 'bfloat16');
    const t = new SplitConcat(0, [3, 7]);
    const parts = t.forward(x);
    expect(parts.map((p) => p.shape)).toEqual([
      [3, 4],
      [7, 4],
    ]);
    expect(parts[1]!.toArray()[0]).toBe(12);
    expect(t.inverse(parts).equals(x)).toBe(true);
  });
});

describe('Chain', () => {
  it('transposes then adds 2, and undoes both in reverse order', () => {
    const x = counting([2, 3]);
    const t = new Chain(new Transpose([1, 0]), new AddScalar(2));
    const y = t.forward(x);
    expect(y.shape).toEqual([3, 2]);
    expect(y.toArray()).toEqual([2, 5, 3, 6, 4, 7]);
    expect(t.inverse(y).equals(x)).toBe(true);
  });

  it('can end in a split', () => {
    const t = new Chain<Tensor, Tensor[]>(new Transpose([1, 0]), new SplitConcat(1, [1, 1]));
    const x = counting([2, 3]);
    expect(t.forward(x).map((p) => p.shape)).toEqual([
      [3, 1],
      [3, 1],
    ]);
    expect(t.inverse(t.forward(x)).equals(x)).toBe(true);
  });
});

describe('toString', () => {
  it('describes each transform readably', () => {
    const all = [
      new Identity(),
      new Transpose([2, 0, 1]),
      new Reshape([1, 6], [6]),
      new AddScalar(1),
      new ReorderBlocks(-1, [0, 2, 1, 3]),
      new SplitConcat(0, [3, 7]),
      new Chain(new Transpose([1, 0]), new AddScalar(2)),
    ];
    expect(all.map(String)).toEqual([
      'Identity()',
      'Transpose([2, 0, 1])',
      'Reshape([1, 6] <-> [6])',
      'AddScalar(1)',
      'ReorderBlocks(axis=-1, order=[0, 2, 1, 3])',
      'SplitConcat(axis=0, sizes=[3, 7])',
      'Chain(Transpose([1, 0]), AddScalar(2))',
    ]);
  });
});
