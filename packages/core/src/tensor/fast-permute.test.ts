import { describe, expect, it } from 'vitest';
import type { DType } from './dtype.js';
import { DTYPES } from './dtype.js';
import { permuteBytes, simplifyPermutation } from './fast-permute.js';
import { transpose } from './layout.js';
import { Tensor, sizeOf, stridesOf } from './tensor.js';

/** The textbook odometer permutation over raw bytes, as the reference. */
function naive(src: Uint8Array, shape: number[], perm: number[], item: number): Uint8Array {
  const outShape = perm.map((p) => shape[p]!);
  const inStrides = stridesOf(shape);
  const out = new Uint8Array(src.length);
  const n = sizeOf(shape);
  const idx = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < n; i++) {
    let off = 0;
    for (let a = 0; a < perm.length; a++) off += idx[a]! * inStrides[perm[a]!]!;
    out.set(src.subarray(off * item, off * item + item), i * item);
    for (let a = outShape.length - 1; a >= 0; a--) {
      if (++idx[a]! < outShape[a]!) break;
      idx[a] = 0;
    }
  }
  return out;
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function shuffle(n: number, r: () => number): number[] {
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [p[i], p[j]] = [p[j]!, p[i]!];
  }
  return p;
}

describe('permuteBytes', () => {
  it('matches the odometer on random shapes, permutations and item sizes', () => {
    const r = rng(7);
    for (let trial = 0; trial < 300; trial++) {
      const rank = 1 + Math.floor(r() * 5);
      const shape = Array.from({ length: rank }, () => 1 + Math.floor(r() * (rank > 3 ? 5 : 70)));
      const perm = shuffle(rank, r);
      const item = [1, 2, 4, 8][Math.floor(r() * 4)]!;
      const src = new Uint8Array(sizeOf(shape) * item).map(() => Math.floor(r() * 256));
      const out = new Uint8Array(src.length);
      permuteBytes(src, shape, perm, item, out);
      expect(Buffer.from(out).equals(Buffer.from(naive(src, shape, perm, item))), `${shape} by ${perm}, ${item} B`).toBe(true);
    }
  });

  it('transposes a Dense kernel and an HWIO conv kernel bit for bit, signalling NaNs included', () => {
    const bits = new Uint32Array(130 * 70).map((_, i) => (i % 7 === 0 ? 0x7f800001 + i : 0x3f800000 + i));
    const kernel = new Tensor('float32', [130, 70], new Float32Array(bits.buffer));
    const t = transpose(kernel, [1, 0]);
    const back = new Uint32Array(t.data.buffer);
    expect(back[1]).toBe(bits[70]);
    expect(transpose(t, [1, 0]).equals(kernel)).toBe(true);
    const hwio = Tensor.fromArray(
      Array.from({ length: 3 * 3 * 5 * 7 }, (_, i) => i),
      [3, 3, 5, 7],
      'float64',
    );
    const oihw = transpose(hwio, [3, 2, 0, 1]);
    expect(oihw.shape).toEqual([7, 5, 3, 3]);
    expect(Buffer.from(oihw.bytes()).equals(Buffer.from(naive(hwio.bytes(), [3, 3, 5, 7], [3, 2, 0, 1], 8)))).toBe(true);
  });

  it.each(Object.keys(DTYPES) as DType[])('keeps %s values through transpose', (dtype) => {
    const x = Tensor.fromArray(
      Array.from({ length: 24 }, (_, i) => (dtype === 'bool' ? i % 2 : i)),
      [2, 3, 4],
      dtype,
    );
    const y = transpose(x, [2, 0, 1]);
    expect(y.dtype).toBe(dtype);
    expect(transpose(y, [1, 2, 0]).equals(x)).toBe(true);
  });

  it('merges axes that stay together and drops axes of length 1', () => {
    expect(simplifyPermutation([4, 5, 6, 7], [3, 2, 0, 1])).toEqual({ shape: [20, 6, 7], perm: [2, 1, 0] });
    expect(simplifyPermutation([1, 5, 6], [2, 0, 1])).toEqual({ shape: [5, 6], perm: [1, 0] });
  });
});
