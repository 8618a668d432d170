import type { TensorSource } from '@interop/core';
import { readSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { formatError } from '../errors.js';

/** One stretch of a file: `byteLength` bytes at `offset`. */
export interface FileRange {
  /** Absolute byte offset in the file. */
  offset: number;
  /** Number of bytes. */
  byteLength: number;
}

const MAX_READ = 0x7fff_f000;

/**
 * The descriptor of a handle that is still open. A closed handle's number may already belong to
 * another file, so it is never read through.
 *
 * @throws {InteropError} E_IO when the handle was closed.
 */
export function openDescriptor(handle: FileHandle, description: string): number {
  if (handle.fd < 0) {
    throw formatError('E_IO', `Reading ${description} failed: the file was closed`, {
      path: description,
      fix: 'Keep the file open (do not close it) until every tensor read from it is written',
    });
  }
  return handle.fd;
}

function readFully(handle: FileHandle, target: Uint8Array, position: number, description: string): void {
  const fd = openDescriptor(handle, description);
  let got = 0;
  while (got < target.length) {
    let n: number;
    try {
      n = readSync(fd, target, got, Math.min(MAX_READ, target.length - got), position + got);
    } catch (e) {
      throw formatError('E_IO', `Reading ${description} failed: ${(e as Error).message}`, {
        path: description,
        offset: position + got,
        cause: e,
        fix: 'Keep the file open (do not close it) until every tensor read from it is written',
      });
    }
    if (n === 0) {
      throw formatError('E_FORMAT_TRUNCATED', 'The file ends early: it is shorter than when it was opened', {
        path: description,
        offset: position + got,
        expected: `${target.length - got} more bytes`,
        found: 0,
      });
    }
    got += n;
  }
}

/**
 * A {@link TensorSource} over byte ranges of an open file, read with positional reads (no
 * `readFile`, so files over 4 GiB and arrays over 2 GiB work): the element bytes are the ranges
 * one after another, as Flax's chunked arrays store them. Reads fail with `E_IO` once the handle
 * is closed.
 *
 * @example
 * ```ts
 * const t = Tensor.fromSource('float32', [2048, 2048], fileRangeSource(handle, [{ offset: 120, byteLength: 1 << 24 }], 'ckpt.msgpack: params/Dense_0/kernel'));
 * ```
 */
export function fileRangeSource(handle: FileHandle, ranges: readonly FileRange[], description: string): TensorSource {
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
          readFully(handle, target.subarray(at, at + hi - lo), r.offset + lo - base, description);
          at += hi - lo;
        }
        base += r.byteLength;
        if (base >= end) break;
      }
    },
  };
}
