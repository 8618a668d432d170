import type { FileHandle } from 'node:fs/promises';
import { formatError } from '../errors.js';
import { readAt } from '../io/input-file.js';
import type { ReadLimits } from '../limits.js';

/** An entry of a zip archive, as its central directory and local header place it. */
export interface ZipDirectoryEntry {
  /** Entry name. */
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  /** Bytes of (compressed) data in the file. */
  compressedSize: number;
  /** Bytes once inflated. */
  size: number;
  /** Absolute offset of the entry's data. */
  dataOffset: number;
}

const utf8 = new TextDecoder('utf-8');
const latin1 = new TextDecoder('latin1');
const MAX_END = 22 + 0xffff;

function corrupt(what: string, offset?: number): never {
  throw formatError('E_FORMAT_CORRUPT', `Not a readable npz archive: ${what}`, offset === undefined ? {} : { offset });
}

function u64(view: DataView, at: number): number {
  const v = view.getBigUint64(at, true);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) corrupt('a zip64 size is absurdly large');
  return Number(v);
}

/** Reads the end records: the central directory's entry count, size and offset (zip64 too). */
async function directoryBounds(handle: FileHandle, size: number): Promise<{ count: number; start: number; length: number }> {
  const tailStart = Math.max(0, size - MAX_END);
  const tail = await readAt(handle, tailStart, size - tailStart);
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  let end = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) corrupt('no end of central directory record');
  let count = view.getUint16(end + 10, true);
  let length = view.getUint32(end + 12, true);
  let start = view.getUint32(end + 16, true);
  if ((count === 0xffff || length === 0xffffffff || start === 0xffffffff) && end >= 20 && view.getUint32(end - 20, true) === 0x07064b50) {
    const at = u64(view, end - 12);
    const z = await readAt(handle, at, 56);
    const zv = new DataView(z.buffer, z.byteOffset, z.byteLength);
    if (z.length < 56 || zv.getUint32(0, true) !== 0x06064b50) corrupt('a broken zip64 end record', at);
    count = u64(zv, 32);
    length = u64(zv, 40);
    start = u64(zv, 48);
  }
  if (start + length > size) corrupt('the central directory lies past the end of the file', tailStart + end);
  return { count, start, length };
}

/** The zip64 extra field's values for the 32-bit fields that hold the 0xffffffff marker. */
function zip64Fields(view: DataView, at: number, end: number, wanted: boolean[]): number[] {
  for (let p = at; p + 4 <= end; p += 4 + view.getUint16(p + 2, true)) {
    if (view.getUint16(p, true) !== 1) continue;
    const out: number[] = [];
    let q = p + 4;
    for (const w of wanted) {
      if (!w) continue;
      if (q + 8 > end) corrupt('a short zip64 extra field');
      out.push(u64(view, q));
      q += 8;
    }
    return out;
  }
  return corrupt('a zip64 size without its extra field');
}

/**
 * Lists the entries of a zip archive from its central directory (and each local header, for the
 * data offset), reading only those records. Knows zip64, as `np.savez` writes it.
 *
 * @throws {InteropError} E_FORMAT_CORRUPT for a damaged archive; E_FORMAT_LIMIT for too many entries.
 */
export async function readZipDirectory(handle: FileHandle, size: number, limits: ReadLimits): Promise<ZipDirectoryEntry[]> {
  const { count, start, length } = await directoryBounds(handle, size);
  if (count > limits.maxEntries) throw formatError('E_FORMAT_LIMIT', 'The archive has too many entries', { found: count });
  const dir = await readAt(handle, start, length);
  const view = new DataView(dir.buffer, dir.byteOffset, dir.byteLength);
  const out: ZipDirectoryEntry[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > dir.length || view.getUint32(at, true) !== 0x02014b50) corrupt('a broken central directory entry', start + at);
    const flags = view.getUint16(at + 8, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraEnd = at + 46 + nameLength + view.getUint16(at + 30, true);
    if (extraEnd > dir.length) corrupt('a central directory entry runs past its end', start + at);
    const raw = dir.subarray(at + 46, at + 46 + nameLength);
    const name = (flags & 0x800 ? utf8 : latin1).decode(raw);
    let compressedSize = view.getUint32(at + 20, true);
    let entrySize = view.getUint32(at + 24, true);
    let local = view.getUint32(at + 42, true);
    const marked = [entrySize === 0xffffffff, compressedSize === 0xffffffff, local === 0xffffffff];
    if (marked.some(Boolean)) {
      const values = zip64Fields(view, at + 46 + nameLength, extraEnd, marked);
      if (marked[0]) entrySize = values.shift()!;
      if (marked[1]) compressedSize = values.shift()!;
      if (marked[2]) local = values.shift()!;
    }
    const head = await readAt(handle, local, 30);
    const hv = new DataView(head.buffer, head.byteOffset, head.byteLength);
    if (head.length < 30 || hv.getUint32(0, true) !== 0x04034b50) corrupt(`no local header for "${name}"`, local);
    const dataOffset = local + 30 + hv.getUint16(26, true) + hv.getUint16(28, true);
    if (dataOffset + compressedSize > size) corrupt(`the data of "${name}" runs past the end of the file`, dataOffset);
    out.push({ name, method: view.getUint16(at + 10, true), compressedSize, size: entrySize, dataOffset });
    at = extraEnd + view.getUint16(at + 32, true);
  }
  return out;
}
