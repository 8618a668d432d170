import type { Shape } from './shape.js';
import { stridesOf } from './shape.js';

/** A box of a tensor: index ranges `[lo[i], hi[i])`, one per axis. */
export interface Box {
  readonly lo: readonly number[];
  readonly hi: readonly number[];
}

/** Number of elements in a box. */
export function boxSize(box: Box): number {
  let n = 1;
  for (let i = 0; i < box.lo.length; i++) n *= box.hi[i]! - box.lo[i]!;
  return n;
}

/**
 * Cuts the C-order element range `[start, start + count)` of a tensor of `shape` into the fewest
 * boxes, in order: each fixes the leading axes, spans a range of one axis and covers all later
 * axes (a range of whole rows is one box).
 *
 * @example
 * ```ts
 * rangeBoxes([4, 3], 2, 7); // [{ lo: [0, 2], hi: [1, 3] }, { lo: [1, 0], hi: [3, 3] }]
 * ```
 */
export function rangeBoxes(shape: Shape, start: number, count: number): Box[] {
  const n = shape.length;
  if (count <= 0) return [];
  if (n === 0) return [{ lo: [], hi: [] }];
  const strides = stridesOf(shape);
  const out: Box[] = [];
  const end = start + count;
  let pos = start;
  while (pos < end) {
    const idx = new Array<number>(n);
    let rest = pos;
    for (let a = 0; a < n; a++) {
      idx[a] = Math.floor(rest / strides[a]!);
      rest -= idx[a]! * strides[a]!;
    }
    let j = n - 1;
    while (j > 0 && idx[j] === 0 && end - pos >= strides[j - 1]!) j--;
    const k = Math.min(shape[j]! - idx[j]!, Math.floor((end - pos) / strides[j]!));
    const lo = idx.map((v, a) => (a > j ? 0 : v));
    const hi = idx.map((v, a) => (a > j ? shape[a]! : a === j ? v + k : v + 1));
    out.push({ lo, hi });
    pos += k * strides[j]!;
  }
  return out;
}

/**
 * Visits the C-order element runs `(start, count)` that make up a box of a tensor of `shape`, in
 * order; trailing whole axes are merged into each run.
 *
 * @example
 * ```ts
 * boxRuns([4, 3], { lo: [1, 0], hi: [3, 2] }, (s, n) => console.log(s, n)); // 3 2, then 6 2
 * ```
 */
export function boxRuns(shape: Shape, box: Box, visit: (start: number, count: number) => void): void {
  const n = shape.length;
  if (n === 0) {
    visit(0, 1);
    return;
  }
  const { lo, hi } = box;
  for (let a = 0; a < n; a++) if (hi[a]! <= lo[a]!) return;
  const strides = stridesOf(shape);
  let m = n - 1;
  while (m > 0 && lo[m] === 0 && hi[m] === shape[m]) m--;
  const run = (hi[m]! - lo[m]!) * strides[m]!;
  let base = 0;
  for (let a = 0; a <= m; a++) base += lo[a]! * strides[a]!;
  if (m === 0) {
    visit(base, run);
    return;
  }
  const index = lo.slice(0, m);
  for (;;) {
    visit(base, run);
    let a = m - 1;
    for (; a >= 0; a--) {
      index[a]! += 1;
      base += strides[a]!;
      if (index[a]! < hi[a]!) break;
      base -= strides[a]! * (hi[a]! - lo[a]!);
      index[a] = lo[a]!;
    }
    if (a < 0) return;
  }
}
