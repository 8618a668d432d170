import { readSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { InteropError } from '@interop/core';
import type { FileSource } from '@interop/core';

const WINDOW = 1 << 16;

/**
 * A {@link FileSource} over an open file, read with positional reads (no `readFile`, so files of
 * any size): `read` through a small window for the codecs' header scans, `readInto` straight
 * into a tensor's block. A file that ends before the size it had when opened is
 * `E_FORMAT_TRUNCATED`; reading after the handle is closed is `E_IO`.
 */
export function positionalSource(handle: FileHandle, size: number, path: string): FileSource {
  let window = new Uint8Array(WINDOW);
  let start = 0;
  let end = 0;
  const fill = (target: Uint8Array, offset: number, need: number): number => {
    if (handle.fd < 0) {
      throw new InteropError('E_IO', `Reading ${path} failed: the file was closed`, {
        path,
        fix: 'Keep the input open until every tensor read from it is written',
      });
    }
    let got = 0;
    while (got < target.length) {
      let n: number;
      try {
        n = readSync(handle.fd, target, got, target.length - got, offset + got);
      } catch (cause) {
        throw new InteropError('E_IO', `Reading ${path} failed: ${(cause as Error).message}`, { path, offset: offset + got, cause });
      }
      if (n === 0) break;
      got += n;
    }
    if (got < need) {
      throw new InteropError('E_FORMAT_TRUNCATED', `${path} ends early: it is shorter than when it was opened`, {
        path,
        offset: offset + got,
        expected: `${need - got} more bytes`,
        found: 0,
        fix: 'Do not change the input while it is converted; convert a complete copy',
      });
    }
    return got;
  };
  const beyond = (offset: number, length: number) =>
    new InteropError('E_FORMAT_TRUNCATED', `${path} ends early`, {
      path,
      offset,
      expected: `${length} bytes`,
      found: Math.max(0, size - offset),
      fix: 'Check that the file is complete (not cut off by a download or copy)',
    });
  return {
    size,
    read(offset, length) {
      if (offset + length > size) throw beyond(offset, length);
      if (offset >= start && offset + length <= end) return window.subarray(offset - start, offset - start + length);
      if (length > window.length) window = new Uint8Array(length);
      const got = fill(window.subarray(0, Math.min(window.length, size - offset)), offset, length);
      start = offset;
      end = offset + got;
      return window.subarray(0, length);
    },
    readInto(offset, target) {
      if (offset + target.length > size) throw beyond(offset, target.length);
      fill(target, offset, target.length);
    },
  };
}
