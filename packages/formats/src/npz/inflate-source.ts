import type { TensorSource } from '@interop/core';
import { Inflate } from 'fflate';
import { readSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { formatError } from '../errors.js';
import { openDescriptor } from '../io/range-source.js';

const CHUNK = 1 << 20;

/**
 * The inflated bytes of a deflated archive entry, as a {@link TensorSource} over
 * `[offset, offset + byteLength)` of them. Reads that move forward continue one inflate stream;
 * a read behind its position starts over, so a front-to-back writer inflates the entry once.
 */
export function inflatingSource(
  handle: FileHandle,
  entry: { dataOffset: number; compressedSize: number; size: number },
  offset: number,
  byteLength: number,
  description: string,
): TensorSource {
  let inflater: Inflate;
  let fed = 0;
  let carry: Uint8Array[] = [];
  let carryStart = 0;
  let carryEnd = 0;
  const restart = (): void => {
    inflater = new Inflate((chunk) => {
      carry.push(chunk);
      carryEnd += chunk.length;
    });
    fed = 0;
    carry = [];
    carryStart = 0;
    carryEnd = 0;
  };
  const feed = (): void => {
    if (fed >= entry.compressedSize) {
      throw formatError('E_FORMAT_CORRUPT', 'A deflated entry inflates to fewer bytes than its header says', {
        path: description,
        expected: entry.size,
        found: carryEnd,
      });
    }
    const n = Math.min(CHUNK, entry.compressedSize - fed);
    const buf = new Uint8Array(n);
    const fd = openDescriptor(handle, description);
    let got = 0;
    while (got < n) {
      const k = readSync(fd, buf, got, n - got, entry.dataOffset + fed + got);
      if (k === 0)
        throw formatError('E_FORMAT_TRUNCATED', 'The file ends early: it is shorter than when it was opened', { path: description });
      got += k;
    }
    fed += n;
    try {
      inflater.push(buf, fed === entry.compressedSize);
    } catch (e) {
      throw formatError('E_FORMAT_CORRUPT', `Not a readable npz archive: ${(e as Error).message}`, { path: description, cause: e });
    }
  };
  restart();
  return {
    byteLength,
    description,
    read(at, target) {
      const start = offset + at;
      const end = start + target.length;
      if (start < carryStart) restart();
      let filled = 0;
      while (filled < target.length) {
        while (carry.length > 0 && carryStart + carry[0]!.length <= start + filled) {
          carryStart += carry.shift()!.length;
        }
        if (carry.length === 0 || carryStart > start + filled) {
          feed();
          continue;
        }
        const chunk = carry[0]!;
        const from = start + filled - carryStart;
        const n = Math.min(chunk.length - from, end - (start + filled));
        target.set(chunk.subarray(from, from + n), filled);
        filled += n;
      }
    },
  };
}
