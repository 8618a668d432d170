import { InteropError } from '../errors/interop-error.js';
import type { DTypeStorage, TensorStorage } from './dtype.js';
import { DTYPES } from './dtype.js';
import { permuteBytes } from './fast-permute.js';
import { pendingOf } from './pending.js';
import type { Shape } from './tensor.js';
import { Tensor, lazyTensor, sizeOf } from './tensor.js';

/** Element storage of the same class as `like`, with `length` elements. */
function allocLike(like: TensorStorage, length: number): TensorStorage {
  const Ctor = like.constructor as new (n: number) => TensorStorage;
  return new Ctor(length);
}

/**
 * Resolves a possibly negative axis against a rank.
 *
 * @throws {InteropError} E_INVALID_ARGUMENT when the axis is out of range.
 * @example
 * ```ts
 * normalizeAxis(-1, 3); // 2
 * ```
 */
export function normalizeAxis(axis: number, ndim: number): number {
  const a = axis < 0 ? axis + ndim : axis;
  if (!Number.isInteger(a) || a < 0 || a >= ndim) {
    throw new InteropError('E_INVALID_ARGUMENT', `Axis ${axis} is out of range for a tensor of rank ${ndim}`, {
      expected: `an integer in [${-ndim}, ${ndim - 1}]`,
      found: axis,
    });
  }
  return a;
}

/**
 * True when `perm` holds each of 0..n-1 exactly once.
 *
 * @example
 * ```ts
 * isPermutation([2, 0, 1]); // true
 * ```
 */
export function isPermutation(perm: readonly number[], n: number = perm.length): boolean {
  if (perm.length !== n) return false;
  const seen = new Array<boolean>(n).fill(false);
  for (const p of perm) {
    if (!Number.isInteger(p) || p < 0 || p >= n || seen[p]) return false;
    seen[p] = true;
  }
  return true;
}

/**
 * The inverse of a permutation (its argsort): `inverse[perm[i]] = i`.
 *
 * @example
 * ```ts
 * invertPermutation([2, 0, 1]); // [1, 2, 0]
 * ```
 */
export function invertPermutation(perm: readonly number[]): number[] {
  const inv = new Array<number>(perm.length);
  perm.forEach((p, i) => {
    inv[p] = i;
  });
  return inv;
}

/**
 * Permutes the axes of a tensor (any rank), like `numpy.transpose(x, perm)`: output axis `i` is
 * input axis `perm[i]`. Keeps the dtype and copies the elements bit for bit, in cache-blocked tiles;
 * on a lazy tensor it records the permutation instead (nothing is read or copied).
 *
 * @throws {InteropError} E_INVALID_ARGUMENT when `perm` is not a permutation of the axes.
 * @example
 * ```ts
 * transpose(Tensor.zeros([2, 3, 4], 'float32'), [2, 0, 1]).shape; // [4, 2, 3]
 * ```
 */
export function transpose<T extends Tensor>(x: T, perm: readonly number[]): T {
  if (!isPermutation(perm, x.ndim)) {
    throw new InteropError('E_INVALID_ARGUMENT', 'Transpose needs a permutation of the tensor axes', {
      expected: `a permutation of 0..${x.ndim - 1}`,
      found: perm,
    });
  }
  const outShape = perm.map((p) => x.shape[p]!);
  const pending = pendingOf(x);
  if (pending !== undefined) {
    // A permutation of a permutation is one permutation of the earlier input.
    if (pending.op === 'permute') {
      const combined = perm.map((p) => pending.perm[p]!);
      return lazyTensor(x.dtype, outShape, { op: 'permute', input: pending.input, perm: combined }) as T;
    }
    return lazyTensor(x.dtype, outShape, { op: 'permute', input: x, perm: [...perm] }) as T;
  }
  const out = allocLike(x.data, x.size);
  const bytes = (d: TensorStorage): Uint8Array => new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
  permuteBytes(bytes(x.data), x.shape, perm, DTYPES[x.dtype].itemSize, bytes(out));
  return new Tensor(x.dtype, outShape, out as DTypeStorage[T['dtype']]) as T;
}

/** Splits a shape around `axis` into (outer count, axis length, inner count). */
function around(shape: Shape, axis: number): [number, number, number] {
  return [sizeOf(shape.slice(0, axis)), shape[axis]!, sizeOf(shape.slice(axis + 1))];
}

/**
 * Joins tensors along an existing axis, like `numpy.concatenate`. All parts must share dtype and
 * every other axis. When any part is lazy, the result is lazy too (nothing is copied).
 *
 * @throws {InteropError} E_INVALID_ARGUMENT for no parts; E_DTYPE or E_SHAPE_MISMATCH when parts differ.
 * @example
 * ```ts
 * concat([Tensor.zeros([2, 3], 'int8'), Tensor.zeros([2, 1], 'int8')], 1).shape; // [2, 4]
 * ```
 */
export function concat<T extends Tensor>(parts: readonly T[], axis: number): T {
  const first = parts[0];
  if (!first) throw new InteropError('E_INVALID_ARGUMENT', 'concat needs at least one tensor');
  const ax = normalizeAxis(axis, first.ndim);
  for (const p of parts) {
    if (p.dtype !== first.dtype) {
      throw new InteropError('E_DTYPE', 'concat needs tensors of one dtype', { expected: first.dtype, found: p.dtype });
    }
    const same = p.ndim === first.ndim && p.shape.every((d, i) => i === ax || d === first.shape[i]);
    if (!same) {
      throw new InteropError('E_SHAPE_MISMATCH', `concat needs equal shapes except along axis ${ax}`, {
        expected: `[${first.shape.join(', ')}]`,
        found: `[${p.shape.join(', ')}]`,
      });
    }
  }
  const total = parts.reduce((n, p) => n + p.shape[ax]!, 0);
  const outShape = first.shape.map((d, i) => (i === ax ? total : d));
  if (parts.some((p) => p.isLazy)) return lazyTensor(first.dtype, outShape, { op: 'concat', inputs: [...parts], axis: ax }) as T;
  const [outer, , inner] = around(outShape, ax);
  const out = allocLike(first.data, sizeOf(outShape)) as unknown as { set(a: ArrayLike<unknown>, o: number): void };
  let start = 0;
  for (const p of parts) {
    const block = p.shape[ax]! * inner;
    const data = p.data as unknown as { subarray(a: number, b: number): ArrayLike<unknown> };
    for (let o = 0; o < outer; o++) out.set(data.subarray(o * block, (o + 1) * block), o * total * inner + start * inner);
    start += p.shape[ax]!;
  }
  return new Tensor(first.dtype, outShape, out as unknown as DTypeStorage[T['dtype']]) as T;
}

/**
 * Copies the index range `[start, stop)` of one axis, like `x[..., start:stop, ...]` (on a lazy
 * tensor it records the slice instead).
 *
 * @throws {InteropError} E_INVALID_ARGUMENT when the range is outside the axis.
 * @example
 * ```ts
 * sliceAxis(Tensor.fromArray([0, 1, 2, 3], [4], 'int32'), 0, 1, 3).toArray(); // [1, 2]
 * ```
 */
export function sliceAxis<T extends Tensor>(x: T, axis: number, start: number, stop: number): T {
  const ax = normalizeAxis(axis, x.ndim);
  const [outer, len, inner] = around(x.shape, ax);
  if (!Number.isInteger(start) || !Number.isInteger(stop) || start < 0 || stop > len || start > stop) {
    throw new InteropError('E_INVALID_ARGUMENT', `Slice [${start}, ${stop}) does not fit axis ${ax} of length ${len}`);
  }
  const width = stop - start;
  const outShape = x.shape.map((d, i) => (i === ax ? width : d));
  if (x.isLazy) return lazyTensor(x.dtype, outShape, { op: 'slice', input: x, axis: ax, start, stop }) as T;
  const out = allocLike(x.data, outer * width * inner) as unknown as { set(a: ArrayLike<unknown>, o: number): void };
  const data = x.data as unknown as { subarray(a: number, b: number): ArrayLike<unknown> };
  for (let o = 0; o < outer; o++) {
    const from = (o * len + start) * inner;
    out.set(data.subarray(from, from + width * inner), o * width * inner);
  }
  return new Tensor(x.dtype, outShape, out as unknown as DTypeStorage[T['dtype']]) as T;
}

/**
 * Cuts one axis into consecutive parts of the given sizes (which must add up to its length).
 *
 * @throws {InteropError} E_SHAPE_MISMATCH when the sizes do not add up to the axis length.
 * @example
 * ```ts
 * split(Tensor.zeros([10, 4], 'float32'), 0, [3, 7]).map((t) => t.shape); // [[3, 4], [7, 4]]
 * ```
 */
export function split<T extends Tensor>(x: T, axis: number, sizes: readonly number[]): T[] {
  const ax = normalizeAxis(axis, x.ndim);
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total !== x.shape[ax] || sizes.some((s) => !Number.isInteger(s) || s < 0)) {
    throw new InteropError('E_SHAPE_MISMATCH', `Split sizes must add up to the length of axis ${ax}`, {
      expected: x.shape[ax],
      found: `[${sizes.join(', ')}] (sum ${total})`,
    });
  }
  const parts: T[] = [];
  let start = 0;
  for (const s of sizes) {
    parts.push(sliceAxis(x, ax, start, start + s));
    start += s;
  }
  return parts;
}
