import type { Shape } from './tensor.js';
import { sizeOf, stridesOf } from './tensor.js';

/** Elements per side of a tile: 64×64 four-byte words stay within a 32 KiB L1 cache, read and write side. */
const TILE = 64;

type Words = Uint8Array | Uint16Array | Uint32Array;

/**
 * Views element bytes as unsigned words, so that copies are bit-exact (a float view would quiet
 * signalling NaNs) and 8-byte elements move as two 32-bit words.
 */
function words(bytes: Uint8Array, itemSize: number): { view: Words; width: number } {
  const { buffer, byteOffset, byteLength } = bytes;
  if (itemSize === 1) return { view: bytes, width: 1 };
  if (itemSize === 2) return { view: new Uint16Array(buffer, byteOffset, byteLength / 2), width: 1 };
  return { view: new Uint32Array(buffer, byteOffset, byteLength / 4), width: itemSize / 4 };
}

/**
 * Drops axes of length 1 and merges input axes that stay adjacent and in order in the output, so
 * `[H, W, I, O]` by `[3, 2, 0, 1]` becomes `[H·W, I, O]` by `[2, 1, 0]`.
 */
export function simplifyPermutation(shape: Shape, perm: readonly number[]): { shape: number[]; perm: number[] } {
  const kept = perm.filter((p) => shape[p] !== 1);
  const groups: number[][] = [];
  for (const p of kept) {
    const last = groups[groups.length - 1];
    if (last && last[last.length - 1]! + 1 === p) last.push(p);
    else groups.push([p]);
  }
  const byInput = [...groups].sort((a, b) => a[0]! - b[0]!);
  const outShape = byInput.map((g) => g.reduce((n, p) => n * shape[p]!, 1));
  return { shape: outShape, perm: groups.map((g) => byInput.indexOf(g)) };
}

/** Odometer over every index of `extents`, calling `visit` with the two running offsets. */
function odometer(
  extents: readonly number[],
  srcSteps: readonly number[],
  dstSteps: readonly number[],
  visit: (src: number, dst: number) => void,
): void {
  const n = extents.length;
  if (extents.some((e) => e === 0)) return;
  const index = new Array<number>(n).fill(0);
  let src = 0;
  let dst = 0;
  for (;;) {
    visit(src, dst);
    let ax = n - 1;
    for (; ax >= 0; ax--) {
      index[ax]! += 1;
      src += srcSteps[ax]!;
      dst += dstSteps[ax]!;
      if (index[ax]! < extents[ax]!) break;
      src -= srcSteps[ax]! * extents[ax]!;
      dst -= dstSteps[ax]! * extents[ax]!;
      index[ax] = 0;
    }
    if (ax < 0) return;
  }
}

/** Transposes one `rows × cols` plane in tiles: `dst[c·dRow + r] = src[r·sRow + c]`, in words. */
function tilePlane(
  s: Words,
  sBase: number,
  sRow: number,
  d: Words,
  dBase: number,
  dRow: number,
  rows: number,
  cols: number,
  width: number,
): void {
  for (let r0 = 0; r0 < rows; r0 += TILE) {
    const r1 = Math.min(rows, r0 + TILE);
    for (let c0 = 0; c0 < cols; c0 += TILE) {
      const c1 = Math.min(cols, c0 + TILE);
      if (width === 1) tileWords(s, sBase + r0 * sRow, sRow, d, dBase + r0, dRow, r1 - r0, c0, c1);
      else tilePairs(s, sBase + r0 * sRow, sRow, d, dBase + 2 * r0, dRow, r1 - r0, c0, c1);
    }
  }
}

/**
 * One tile of one-word elements. Four source columns at a time: each row read touches four
 * neighbouring words, and the four destination rows advance together (about 5× one at a time).
 */
function tileWords(s: Words, sAt0: number, sRow: number, d: Words, dAt0: number, dRow: number, rows: number, c0: number, c1: number): void {
  let c = c0;
  for (; c + 4 <= c1; c += 4) {
    const d0 = dAt0 + c * dRow;
    const d1 = d0 + dRow;
    const d2 = d1 + dRow;
    const d3 = d2 + dRow;
    let at = sAt0 + c;
    for (let r = 0; r < rows; r++, at += sRow) {
      d[d0 + r] = s[at]!;
      d[d1 + r] = s[at + 1]!;
      d[d2 + r] = s[at + 2]!;
      d[d3 + r] = s[at + 3]!;
    }
  }
  for (; c < c1; c++) {
    const d0 = dAt0 + c * dRow;
    let at = sAt0 + c;
    for (let r = 0; r < rows; r++, at += sRow) d[d0 + r] = s[at]!;
  }
}

/** One tile of two-word (8-byte) elements. */
function tilePairs(s: Words, sAt0: number, sRow: number, d: Words, dAt0: number, dRow: number, rows: number, c0: number, c1: number): void {
  for (let c = c0; c < c1; c++) {
    const d0 = dAt0 + c * dRow;
    let at = sAt0 + 2 * c;
    for (let r = 0; r < rows; r++, at += sRow) {
      d[d0 + 2 * r] = s[at]!;
      d[d0 + 2 * r + 1] = s[at + 1]!;
    }
  }
}

/**
 * Writes `numpy.transpose(x, perm)` of the C-order elements `src` (shape `shape`, `itemSize`
 * bytes each) into `dst`, bit-exact. Axes are first simplified; a kept innermost axis becomes
 * block copies, any other permutation a tiled transpose of the plane made of the input's and the
 * output's innermost axes, repeated over the remaining axes.
 *
 * @example
 * ```ts
 * permuteBytes(kernelBytes, [2048, 1024], [1, 0], 4, out); // [in, out] → [out, in]
 * ```
 */
export function permuteBytes(src: Uint8Array, shape: Shape, perm: readonly number[], itemSize: number, dst: Uint8Array): void {
  const simple = simplifyPermutation(shape, perm);
  const n = simple.shape.length;
  if (sizeOf(shape) === 0) return;
  if (simple.perm.every((p, i) => p === i)) {
    dst.set(src.subarray(0, sizeOf(shape) * itemSize));
    return;
  }
  const { view: s, width } = words(src, itemSize);
  const { view: d } = words(dst, itemSize);
  const inStrides = stridesOf(simple.shape).map((x) => x * width);
  const outShape = simple.perm.map((p) => simple.shape[p]!);
  const outStrides = stridesOf(outShape).map((x) => x * width);
  const last = simple.perm[n - 1]!;
  if (last === n - 1) {
    // The innermost axis stays innermost: whole runs move with one `set` each.
    const run = simple.shape[n - 1]! * width;
    const rest = simple.perm.slice(0, -1);
    odometer(
      rest.map((p) => simple.shape[p]!),
      rest.map((p) => inStrides[p]!),
      outStrides.slice(0, -1),
      (a, b) => {
        (d as Uint8Array).set((s as Uint8Array).subarray(a, a + run), b);
      },
    );
    return;
  }
  // Plane: rows along input axis `last` (innermost in the output), columns along the input's
  // innermost axis, which sits at output position `q`.
  const q = simple.perm.indexOf(n - 1);
  const others = simple.perm.map((_, i) => i).filter((i) => i !== q && i !== n - 1);
  odometer(
    others.map((i) => outShape[i]!),
    others.map((i) => inStrides[simple.perm[i]!]!),
    others.map((i) => outStrides[i]!),
    (a, b) => tilePlane(s, a, inStrides[last]!, d, b, outStrides[q]!, simple.shape[last]!, simple.shape[n - 1]!, width),
  );
}
