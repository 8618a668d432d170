import type { TensorSource } from '@interop/core';
import { readSync } from 'node:fs';
import { formatError } from '../errors.js';

/** One stretch of a file: `byteLength` bytes at `offset`. */
export interface FileRange {
  /** Absolute byte offset in the file. */
  offset: number;
  /** Number of bytes. */
  byteLength: number;
}

const MAX_READ = 0x7fff_f000;

function readFully(fd: number, target: Uint8Array, position: number, description: string): void {
  let got = 0;
  while (got < target.length) {
    let n: number;
    try {
      n = readSync(fd, target, got, Math.min(MAX_READ, target.length - got), position + got);
    } catch (e) {
      throw formatError('E_IO', `Reading ${description} failed: ${(e as Error).message}`, {
        path: description, offset: position + got, cause: e, fix: 'Keep the file open (do not close it) until every tensor read from it is written',
      });
    }
    if (n === 0) {
      throw formatError('E_FORMAT_TRUNCATED', 'The file ends early: it is shorter than when it was opened', {
        path: description, offset: position + got, expected: `${target.length - got} more bytes`, found: 0,
      });
    }
    got += n;
  }
}

/**
 * A {@link TensorSource} over byte ranges of an open file, read with positional reads (no
 * `readFile`, so files over 4 GiB and arrays over 2 GiB work): the element bytes are the ranges
 * one after another, as Flax's chunked arrays store them.
 *
 * @example
 * ```ts
 * const t = Tensor.fromSource('float32', [2048, 2048], fileRangeSource(handle.fd, [{ offset: 120, byteLength: 1 << 24 }], 'ckpt.msgpack: params/Dense_0/kernel'));
 * ```
 */
export function fileRangeSource(fd: number, ranges: readonly FileRange[], description: string): TensorSource {
  const byteLength = ranges.reduce((n, r) => n + r.byteLength, 0);
  return {
    byteLength,
    description,
    read(offset, target) {
      let base = 0;
      let at = 0;
      const end = offset + target.length;
      for (const r of ranges) {
        const lo = Math.max(offset, base);
        const hi = Math.min(end, base + r.byteLength);
        if (lo < hi) {
          readFully(fd, target.subarray(at, at + hi - lo), r.offset + lo - base, description);
          at += hi - lo;
        }
        base += r.byteLength;
        if (base >= end) break;
      }
    },
  };
}
