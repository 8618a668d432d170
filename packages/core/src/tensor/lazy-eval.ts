import { InteropError } from '../errors/interop-error.js';
import { addScalarStorage } from './add-scalar-kernel.js';
import type { Box } from './boxes.js';
import { boxRuns, boxSize, rangeBoxes } from './boxes.js';
import type { TensorStorage } from './dtype.js';
import { DTYPES } from './dtype.js';
import { permuteBytes } from './fast-permute.js';
import { pendingOf } from './pending.js';
import { sizeOf } from './shape.js';
import type { Tensor } from './tensor.js';

// Input boxes of permutations are read into reused buffers: a fresh 16 MiB buffer per block
// costs more in page faults and zero-filling than the transpose itself. Held weakly, so an idle
// process gives them back at the next collection.
const scratch: Array<WeakRef<Uint8Array>> = [];

function acquire(n: number): Uint8Array {
  for (let i = 0; i < scratch.length; i++) {
    const buf = scratch[i]!.deref();
    if (buf === undefined) scratch.splice(i--, 1);
    else if (buf.length >= n) {
      scratch.splice(i, 1);
      return buf;
    }
  }
  return new Uint8Array(n);
}

function release(buf: Uint8Array): void {
  if (scratch.length < 4) scratch.push(new WeakRef(buf));
}

function itemSizeOf(t: Tensor): number {
  return DTYPES[t.dtype].itemSize;
}

function bytesOf(data: TensorStorage): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** Runs `fill` on `out` directly when it is aligned for `itemSize` views, else through a copy. */
function aligned(out: Uint8Array, itemSize: number, fill: (target: Uint8Array) => void): void {
  if (out.byteOffset % itemSize === 0) {
    fill(out);
    return;
  }
  const temp = new Uint8Array(out.length);
  fill(temp);
  out.set(temp);
}

function addInPlace(t: Tensor, bytes: Uint8Array, constant: number | bigint): void {
  const item = itemSizeOf(t);
  aligned(bytes, item, (target) => {
    const info = DTYPES[t.dtype];
    const Ctor = info.storage as unknown as new (b: ArrayBufferLike, o: number, n: number) => TensorStorage;
    const view = new Ctor(target.buffer, target.byteOffset, target.length / item);
    target.set(bytesOf(addScalarStorage(t.dtype, view, constant)));
  });
}

/**
 * Writes the C-order elements `[start, start + count)` of `t` into `out` (`count` × item size
 * bytes), computing pending layout steps for that range only.
 */
export function readRange(t: Tensor, start: number, count: number, out: Uint8Array): void {
  if (count <= 0) return;
  const item = itemSizeOf(t);
  const target = out.subarray(0, count * item);
  const op = pendingOf(t);
  if (op === undefined) {
    target.set(bytesOf(t.data).subarray(start * item, (start + count) * item));
    return;
  }
  if (op.op === 'source') {
    op.source.read(start * item, target);
  } else if (op.op === 'reshape') {
    readRange(op.input, start, count, target);
  } else if (op.op === 'add-scalar') {
    readRange(op.input, start, count, target);
    addInPlace(t, target, op.constant);
  } else {
    let at = 0;
    for (const box of rangeBoxes(t.shape, start, count)) {
      const n = boxSize(box) * item;
      readBox(t, box, target.subarray(at, at + n));
      at += n;
    }
  }
}

/** Writes the elements of a box of `t` into `out` in C order (of the box's extents). */
export function readBox(t: Tensor, box: Box, out: Uint8Array): void {
  const item = itemSizeOf(t);
  const op = pendingOf(t);
  if (op?.op === 'permute') {
    const lo = new Array<number>(box.lo.length);
    const hi = new Array<number>(box.hi.length);
    op.perm.forEach((p, i) => {
      lo[p] = box.lo[i]!;
      hi[p] = box.hi[i]!;
    });
    const inBox = { lo, hi };
    const buf = acquire(boxSize(inBox) * item);
    try {
      const temp = buf.subarray(0, boxSize(inBox) * item);
      readBox(op.input, inBox, temp);
      const extents = lo.map((l, a) => hi[a]! - l);
      aligned(out, Math.min(item, 4), (target) => permuteBytes(temp, extents, op.perm, item, target));
    } finally {
      release(buf);
    }
  } else if (op?.op === 'slice') {
    const lo = [...box.lo];
    const hi = [...box.hi];
    lo[op.axis]! += op.start;
    hi[op.axis]! += op.start;
    readBox(op.input, { lo, hi }, out);
  } else if (op?.op === 'concat') {
    readConcatBox(op.inputs, op.axis, box, out, item);
  } else {
    let at = 0;
    boxRuns(t.shape, box, (start, count) => {
      readRange(t, start, count, out.subarray(at));
      at += count * item;
    });
  }
}

function readConcatBox(inputs: readonly Tensor[], axis: number, box: Box, out: Uint8Array, item: number): void {
  const extents = box.lo.map((l, a) => box.hi[a]! - l);
  const outer = sizeOf(extents.slice(0, axis));
  const inner = sizeOf(extents.slice(axis + 1)) * item;
  const rowBytes = extents[axis]! * inner;
  let offset = 0;
  for (const part of inputs) {
    const length = part.shape[axis]!;
    const from = Math.max(box.lo[axis]!, offset);
    const to = Math.min(box.hi[axis]!, offset + length);
    if (from < to) {
      const lo = [...box.lo];
      const hi = [...box.hi];
      lo[axis] = from - offset;
      hi[axis] = to - offset;
      const partRow = (to - from) * inner;
      const at = (from - box.lo[axis]!) * inner;
      if (outer === 1) readBox(part, { lo, hi }, out.subarray(at, at + partRow));
      else {
        const temp = new Uint8Array(outer * partRow);
        readBox(part, { lo, hi }, temp);
        for (let o = 0; o < outer; o++) out.set(temp.subarray(o * partRow, (o + 1) * partRow), o * rowBytes + at);
      }
    }
    offset += length;
  }
}

/** Computes every element of a lazy tensor into new storage (the tensor itself is unchanged). */
export function materializeStorage(t: Tensor): TensorStorage {
  const n = sizeOf(t.shape);
  const data = new DTYPES[t.dtype].storage(n);
  readRange(t, 0, n, bytesOf(data));
  return data;
}

/**
 * Copies bytes `[byteOffset, byteOffset + target.length)` of the tensor's C-order, little-endian
 * element data into `target`, computing pending layout steps for that range only.
 *
 * @throws {InteropError} E_INVALID_ARGUMENT when the range is outside the tensor's bytes.
 */
export function readTensorBytes(t: Tensor, byteOffset: number, target: Uint8Array): void {
  const item = itemSizeOf(t);
  const total = sizeOf(t.shape) * item;
  const end = byteOffset + target.length;
  if (!Number.isSafeInteger(byteOffset) || byteOffset < 0 || end > total) {
    throw new InteropError('E_INVALID_ARGUMENT', `Bytes [${byteOffset}, ${end}) are outside the tensor's ${total} bytes`, {
      expected: `a range within [0, ${total})`,
      found: `${t.toString()} [${byteOffset}, ${end})`,
    });
  }
  const first = Math.floor(byteOffset / item);
  const last = Math.ceil(end / item);
  if (first * item === byteOffset && last * item === end) {
    readRange(t, first, last - first, target);
    return;
  }
  const temp = new Uint8Array((last - first) * item);
  readRange(t, first, last - first, temp);
  target.set(temp.subarray(byteOffset - first * item, end - first * item));
}
