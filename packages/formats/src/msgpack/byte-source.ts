import { readSync } from 'node:fs';
import { formatError } from '../errors.js';

/** Random access to the bytes of an input, synchronous so the scanner stays simple and fast. */
export interface ByteSource {
  /** Total size in bytes. */
  readonly size: number;
  /**
   * Returns `length` bytes at `offset`. The view may be reused by the next call, so copy what
   * must outlive it.
   */
  read(offset: number, length: number): Uint8Array;
}

/**
 * A {@link ByteSource} over bytes already in memory.
 *
 * @example
 * ```ts
 * memorySource(new Uint8Array([0x80])).read(0, 1); // Uint8Array [128]
 * ```
 */
export function memorySource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read(offset, length) {
      if (offset + length > bytes.length) {
        throw formatError('E_FORMAT_TRUNCATED', 'The data ends early', {
          offset,
          expected: `${length} bytes`,
          found: Math.max(0, bytes.length - offset),
        });
      }
      return bytes.subarray(offset, offset + length);
    },
  };
}

/**
 * A {@link ByteSource} over an open file descriptor, read with positional reads through a small
 * window, so files over 2 GiB work and skipped array data is never read.
 *
 * @example
 * ```ts
 * const handle = await open('ckpt.msgpack');
 * const src = fileSource(handle.fd, (await handle.stat()).size);
 * ```
 */
export function fileSource(fd: number, size: number, windowBytes = 1 << 16): ByteSource {
  let window = new Uint8Array(windowBytes);
  let start = 0;
  let end = 0;
  return {
    size,
    read(offset, length) {
      if (offset + length > size) {
        throw formatError('E_FORMAT_TRUNCATED', 'The file ends early', {
          offset,
          expected: `${length} bytes`,
          found: Math.max(0, size - offset),
        });
      }
      if (offset >= start && offset + length <= end) return window.subarray(offset - start, offset - start + length);
      if (length > window.length) window = new Uint8Array(length);
      const want = Math.min(window.length, size - offset);
      let got = 0;
      while (got < want) {
        const n = readSync(fd, window, got, want - got, offset + got);
        if (n === 0) break;
        got += n;
      }
      if (got < length) throw formatError('E_IO', 'The file shrank while being read', { offset });
      start = offset;
      end = offset + got;
      return window.subarray(0, length);
    },
  };
}
