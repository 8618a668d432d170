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

/** How {@link readFullySync} reports a failed read and a file that ends before `target` is full. */
export interface ReadFailures {
  /** The error for a read that threw `cause` at absolute `offset`. */
  failed(cause: unknown, offset: number): Error;
  /** The error for end of file at absolute `offset`. */
  truncated(offset: number): Error;
}

/**
 * Fills `target` from descriptor `fd` at `position` with positional reads of at most 2 GiB each,
 * looping over short reads.
 *
 * @throws the error `fail` makes when a read throws or the file ends early.
 */
export function readFullySync(fd: number, target: Uint8Array, position: number, fail: ReadFailures): void {
  let got = 0;
  while (got < target.length) {
    let n: number;
    try {
      n = readSync(fd, target, got, Math.min(MAX_READ, target.length - got), position + got);
    } catch (e) {
      throw fail.failed(e, position + got);
    }
    if (n === 0) throw fail.truncated(position + got);
    got += n;
  }
}

function readFully(handle: FileHandle, target: Uint8Array, position: number, description: string): void {
  const fd = openDescriptor(handle, description);
  readFullySync(fd, target, position, {
    failed: (e, offset) =>
      formatError('E_IO', `Reading ${description} failed: ${(e as Error).message}`, {
        path: description,
        offset,
        cause: e,
        fix: 'Keep the file open (do not close it) until every tensor read from it is written',
      }),
    truncated: (offset) =>
      formatError('E_FORMAT_TRUNCATED', 'The file ends early: it is shorter than when it was opened', {
        path: description,
        offset,
        expected: `${target.length - (offset - position)} more bytes`,
        found: 0,
      }),
  });
}

/**
 * A {@link TensorSource} whose element bytes are `ranges` one after another: a read is split at
 * the range boundaries and each piece filled by `readAt` from its absolute position.
 *
 * @example
 * ```ts
 * const src = concatRanges([{ offset: 0, byteLength: 8 }], 'buf', (position, target) => target.set(bytes.subarray(position, position + target.length)));
 * ```
 */
export function concatRanges(
  ranges: readonly FileRange[],
  description: string,
  readAt: (position: number, target: Uint8Array) => void,
): TensorSource {
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
          readAt(r.offset + lo - base, target.subarray(at, at + hi - lo));
          at += hi - lo;
        }
        base += r.byteLength;
        if (base >= end) break;
      }
    },
  };
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
  return concatRanges(ranges, description, (position, target) => readFully(handle, target, position, description));
}
