import { describe, expect, it } from 'vitest';
import { AddScalar, Chain, ReorderBlocks, Reshape, SplitConcat, Transpose } from '../transforms/index.js';
import { addScalar } from './add-scalar.js';
import { reorderFlattenedRows } from './flatten-order.js';
import { concat, sliceAxis, split, transpose } from './layout.js';
import { Tensor } from './tensor.js';
import type { TensorSource } from './tensor-source.js';

/** A lazy tensor over an eager one's bytes, counting the bytes read. */
function lazyOf(t: Tensor): { lazy: Tensor; reads: () => number } {
  const bytes = t.bytes().slice();
  let read = 0;
  const source: TensorSource = {
    byteLength: bytes.length,
    read(offset, target) {
      read += target.length;
      target.set(bytes.subarray(offset, offset + target.length));
    },
  };
  return { lazy: Tensor.fromSource(t.dtype, t.shape, source), reads: () => read };
}

function counting(shape: number[], dtype: 'float32' | 'int8' | 'float64' | 'bfloat16' = 'float32'): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return Tensor.fromArray(
    Array.from({ length: n }, (_, i) => (i * 7) % 101),
    shape,
    dtype,
  );
}

describe('lazy tensors', () => {
  it('read nothing until data is read, then keep the values', () => {
    const x = counting([4, 6]);
    const { lazy, reads } = lazyOf(x);
    expect(lazy.isLazy).toBe(true);
    expect(lazy.size).toBe(24);
    expect(lazy.byteLength).toBe(96);
    expect(lazy.toString()).toBe('float32[4, 6]');
    expect(reads()).toBe(0);
    expect(lazy.data).toEqual(x.data);
    expect(lazy.isLazy).toBe(false);
    void lazy.data;
    expect(reads()).toBe(96);
    expect(lazy).toEqual(x);
    lazy.release();
    expect(lazy.isLazy).toBe(true);
    expect(lazy.materialize().isLazy).toBe(false);
    expect(reads()).toBe(192);
  });

  it('compose transpose, reshape, slice, concat and addScalar without reading', () => {
    const a = counting([3, 4, 5]);
    const b = counting([3, 2, 5]);
    const la = lazyOf(a);
    const lb = lazyOf(b);
    const eager = addScalar(sliceAxis(transpose(concat([a, b], 1), [2, 0, 1]).reshape([5, 18]), 1, 2, 17), 1);
    const lazy = addScalar(sliceAxis(transpose(concat([la.lazy, lb.lazy], 1), [2, 0, 1]).reshape([5, 18]), 1, 2, 17), 1);
    expect(lazy.isLazy).toBe(true);
    expect(la.reads() + lb.reads()).toBe(0);
    expect(lazy.shape).toEqual([5, 15]);
    expect(lazy.equals(eager)).toBe(true);
    expect(lazy.isLazy).toBe(true);
  });

  it('give any byte range of the transformed values, aligned or not', () => {
    const x = counting([6, 5, 4], 'float64');
    const eager = transpose(x, [2, 0, 1]);
    const lazy = transpose(lazyOf(x).lazy, [2, 0, 1]);
    const all = eager.bytes();
    for (const [start, length] of [
      [0, all.length],
      [8, 16],
      [3, 29],
      [100, 400],
      [all.length - 5, 5],
      [0, 0],
    ] as const) {
      const part = new Uint8Array(length);
      lazy.readBytes(start, part);
      expect(Buffer.from(part).equals(Buffer.from(all.subarray(start, start + length))), `[${start}, +${length})`).toBe(true);
    }
    expect(lazy.isLazy).toBe(true);
    expect(() => lazy.readBytes(all.length - 2, new Uint8Array(4))).toThrow(expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }));
  });

  it('run every declared transform both ways exactly as on eager tensors', () => {
    const x = counting([8, 12], 'bfloat16');
    const cases = [
      new Transpose([1, 0]),
      new Reshape([4, 24], [8, 12]),
      new ReorderBlocks(-1, [0, 2, 1, 3]),
      new ReorderBlocks(0, [1, 0]),
      new AddScalar(2),
      new Chain(new Transpose([1, 0]), new ReorderBlocks(1, [1, 0]), new AddScalar(-1)),
    ];
    for (const t of cases) {
      const { lazy } = lazyOf(x);
      const y = t.forward(lazy);
      expect(y.isLazy, String(t)).toBe(true);
      expect(y.equals(t.forward(x)), String(t)).toBe(true);
      expect(t.inverse(y).equals(x), String(t)).toBe(true);
    }
    const parts = new SplitConcat(1, [5, 7]).forward(lazyOf(x).lazy);
    expect(parts.every((p) => p.isLazy)).toBe(true);
    expect(new SplitConcat(1, [5, 7]).inverse(parts).equals(x)).toBe(true);
    expect(split(lazyOf(x).lazy, 0, [3, 5])[1]!.equals(split(x, 0, [3, 5])[1]!)).toBe(true);
  });

  it('reorders flattened rows lazily', () => {
    const k = counting([24, 5]);
    const eager = reorderFlattenedRows(k, [3, 2, 4], 'channels-first', 'channels-last');
    const lazy = reorderFlattenedRows(lazyOf(k).lazy, [3, 2, 4], 'channels-first', 'channels-last');
    expect(lazy.isLazy).toBe(true);
    expect(lazy.equals(eager)).toBe(true);
  });

  it('mix lazy and in-memory parts, and leave conversions unkept', () => {
    const a = counting([2, 3]);
    const { lazy, reads } = lazyOf(counting([2, 2]));
    const joined = concat([a, lazy], 1);
    expect(joined.isLazy).toBe(true);
    expect(Array.from(joined.toFloat32())).toEqual(Array.from(concat([a, counting([2, 2])], 1).toFloat32()));
    expect(joined.isLazy).toBe(true);
    expect(joined.clone().isLazy).toBe(false);
    expect(joined.astype('float64').toArray()).toEqual(joined.toArray());
    expect(reads()).toBeGreaterThan(0);
  });

  it('refuse a source of the wrong size and a bool addScalar before reading', () => {
    const source: TensorSource = { byteLength: 10, read: () => undefined, description: 'f.msgpack: w' };
    expect(() => Tensor.fromSource('float32', [3], source)).toThrow(expect.objectContaining({ code: 'E_SHAPE_MISMATCH' }));
    const { lazy, reads } = lazyOf(Tensor.fromArray([1, 0], [2], 'bool'));
    expect(() => addScalar(lazy, 1)).toThrow(expect.objectContaining({ code: 'E_DTYPE' }));
    expect(() => addScalar(lazyOf(counting([2], 'int8')).lazy, 0.5)).toThrow(expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }));
    expect(reads()).toBe(0);
  });

  it('pass the errors of the source through when values are read', () => {
    const source: TensorSource = {
      byteLength: 8,
      read() {
        throw Object.assign(new Error('The file shrank'), { code: 'E_IO' });
      },
    };
    const t = transpose(Tensor.fromSource('float32', [2, 1], source), [1, 0]);
    expect(() => t.data).toThrow('The file shrank');
    expect(t.isLazy).toBe(true);
  });
});
