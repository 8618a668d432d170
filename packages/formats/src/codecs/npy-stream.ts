import type { FileArray, FileSource } from '@interop/core';
import { formatError } from '../errors.js';
import type { ReadLimits } from '../limits.js';
import { parseNpyHeader } from '../npy/header.js';
import type { NpyHeader } from '../npy/header.js';

const NPY_MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];

/** True when `head` starts with the npy magic (`\x93NUMPY`). */
export const startsWithNpyMagic = (head: Uint8Array): boolean => NPY_MAGIC.every((b, i) => head[i] === b);

/**
 * The headers of the npy records of a stream (one for an `.npy` file, one per leaf for an
 * Equinox `.eqx`), read at their offsets without loading data; `dataOffset` is absolute. With
 * `max`, stops after that many records.
 */
export function scanNpyStream(source: FileSource, limits: ReadLimits, max = Number.POSITIVE_INFINITY): NpyHeader[] {
  const { size } = source;
  const headers: NpyHeader[] = [];
  let at = 0;
  while (at < size && headers.length < max) {
    const pre = source.read(at, Math.min(12, size - at)).slice();
    const view = new DataView(pre.buffer, pre.byteOffset, pre.byteLength);
    // Version 1 stores a u16 header length at byte 8, later versions a u32; parseNpyHeader checks
    // the magic, version and limits on what we read here.
    const claimed = pre.length >= 12 ? (pre[6] === 1 ? 10 + view.getUint16(8, true) : 12 + view.getUint32(8, true)) : pre.length;
    const head = source.read(at, Math.min(size - at, claimed, 12 + limits.maxHeaderBytes)).slice();
    const h = parseNpyHeader(head, 0, limits, `leaf ${headers.length}`, at);
    const end = h.dataOffset + h.byteLength;
    if (end > size) {
      throw formatError('E_FORMAT_TRUNCATED', 'The file ends inside an npy record', {
        path: `leaf ${headers.length}`,
        offset: at,
        expected: `${h.byteLength} data bytes`,
        found: size - h.dataOffset,
      });
    }
    headers.push(h);
    at = end;
  }
  return headers;
}

/** The npy records of a stream as arrays (`leaf 0`, `leaf 1`, ...), without loading data. */
export function listNpyStream(source: FileSource, limits: ReadLimits): FileArray[] {
  return scanNpyStream(source, limits).map((h, i) => ({ path: `leaf ${i}`, dtype: h.dtype, shape: h.shape, byteLength: h.byteLength }));
}
