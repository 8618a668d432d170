/**
 * Copies a C-order block (`src`, shaped `blockShape`) into a C-order array (`dst`, shaped `shape`)
 * at `origin`, clipping the parts of the block that lie past the array's edges (zarr edge chunks).
 *
 * @example
 * ```ts
 * copyBlock(dst, [4, 3], src, [2, 3], [2, 0], 4); // rows 2..3 of a float32 [4, 3] array
 * ```
 */
export function copyBlock(
  dst: Uint8Array,
  shape: readonly number[],
  src: Uint8Array,
  blockShape: readonly number[],
  origin: readonly number[],
  itemSize: number,
): void {
  const rank = shape.length;
  if (rank === 0) {
    dst.set(src.subarray(0, itemSize));
    return;
  }
  const extent = blockShape.map((c, d) => Math.max(0, Math.min(c, shape[d]! - origin[d]!)));
  if (extent.some((e) => e === 0)) return;
  const dstStride: number[] = new Array<number>(rank);
  const srcStride: number[] = new Array<number>(rank);
  let ds = itemSize;
  let ss = itemSize;
  for (let d = rank - 1; d >= 0; d--) {
    dstStride[d] = ds;
    srcStride[d] = ss;
    ds *= shape[d]!;
    ss *= blockShape[d]!;
  }
  const rowBytes = extent[rank - 1]! * itemSize;
  const idx = new Array<number>(rank).fill(0);
  for (;;) {
    let so = 0;
    let dOff = 0;
    for (let d = 0; d < rank; d++) {
      so += idx[d]! * srcStride[d]!;
      dOff += (origin[d]! + idx[d]!) * dstStride[d]!;
    }
    dst.set(src.subarray(so, so + rowBytes), dOff);
    let d = rank - 2;
    while (d >= 0) {
      idx[d]!++;
      if (idx[d]! < extent[d]!) break;
      idx[d] = 0;
      d--;
    }
    if (d < 0) return;
  }
}

/**
 * Every index of a grid, in C order (the last axis fastest).
 *
 * @example
 * ```ts
 * [...gridIndices([2, 2])]; // [[0,0],[0,1],[1,0],[1,1]]
 * ```
 */
export function* gridIndices(grid: readonly number[]): Generator<number[]> {
  if (grid.some((g) => g === 0)) return;
  const idx = new Array<number>(grid.length).fill(0);
  for (;;) {
    yield [...idx];
    let d = grid.length - 1;
    while (d >= 0) {
      idx[d]!++;
      if (idx[d]! < grid[d]!) break;
      idx[d] = 0;
      d--;
    }
    if (d < 0) return;
  }
}

/**
 * Copies the block of a C-order array (`src`, shaped `shape`) that starts at `origin` and has
 * shape `blockShape` into a new C-order buffer (the inverse of {@link copyBlock}; the block must
 * lie inside the array).
 *
 * @example
 * ```ts
 * const chunk = extractBlock(bytes, [4, 3], [2, 3], [2, 0], 4);
 * ```
 */
export function extractBlock(
  src: Uint8Array,
  shape: readonly number[],
  blockShape: readonly number[],
  origin: readonly number[],
  itemSize: number,
): Uint8Array {
  const out = new Uint8Array(blockShape.reduce((a, b) => a * b, itemSize));
  if (shape.length === 0) {
    out.set(src.subarray(0, itemSize));
    return out;
  }
  const rank = shape.length;
  const strides: number[] = new Array<number>(rank);
  let s = itemSize;
  for (let d = rank - 1; d >= 0; d--) {
    strides[d] = s;
    s *= shape[d]!;
  }
  const row = blockShape[rank - 1]! * itemSize;
  let at = 0;
  for (const idx of gridIndices(blockShape.slice(0, -1))) {
    let off = origin[rank - 1]! * itemSize;
    for (let d = 0; d < rank - 1; d++) off += (origin[d]! + idx[d]!) * strides[d]!;
    out.set(src.subarray(off, off + row), at);
    at += row;
  }
  return out;
}
