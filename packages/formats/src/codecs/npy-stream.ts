import type { FileArray, FileSource } from '@interop/core';
import { formatError } from '../errors.js';
import type { ReadLimits } from '../limits.js';
import { parseNpyHeader } from '../npy/header.js';

const NPY_MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];

/** True when `head` starts with the npy magic (`\x93NUMPY`). */
export const startsWithNpyMagic = (head: Uint8Array): boolean => NPY_MAGIC.every((b, i) => head[i] === b);

/**
 * The npy records of a stream (one for an `.npy` file, one per leaf for an Equinox `.eqx`), read
 * from their headers at their offsets without loading data.
 */
export function listNpyStream(source: FileSource, limits: ReadLimits): FileArray[] {
  const { size } = source;
  const arrays: FileArray[] = [];
  let at = 0;
  while (at < size) {
    const pre = source.read(at, Math.min(12, size - at)).slice();
    const view = new DataView(pre.buffer, pre.byteOffset, pre.byteLength);
    // Version 1 stores a u16 header length at byte 8, later versions a u32; parseNpyHeader checks
    // the magic, version and limits on what we read here.
    const claimed = pre.length >= 12 ? (pre[6] === 1 ? 10 + view.getUint16(8, true) : 12 + view.getUint32(8, true)) : pre.length;
    const head = source.read(at, Math.min(size - at, claimed, 12 + limits.maxHeaderBytes)).slice();
    const h = parseNpyHeader(head, 0, limits, `leaf ${arrays.length}`);
    const end = at + h.dataOffset + h.byteLength;
    if (end > size) {
      throw formatError('E_FORMAT_TRUNCATED', 'The file ends inside an npy record', {
        path: `leaf ${arrays.length}`,
        offset: at,
        expected: `${h.byteLength} data bytes`,
        found: size - at - h.dataOffset,
      });
    }
    arrays.push({ path: `leaf ${arrays.length}`, dtype: h.dtype, shape: h.shape, byteLength: h.byteLength });
    at = end;
  }
  return arrays;
}
