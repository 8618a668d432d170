import { Tensor, transpose } from '@interop/core';
import type { TensorSource } from '@interop/core';
import type { FileHandle } from 'node:fs/promises';
import { formatError } from '../errors.js';
import { closingOnError, openInput, readAt } from '../io/input-file.js';
import { fileRangeSource } from '../io/range-source.js';
import { resolveLimits } from '../limits.js';
import type { ReadLimits } from '../limits.js';
import { parseNpyHeader } from './header.js';
import type { NpyHeader } from './header.js';
import type { ReadNpyOptions } from './read-npy.js';

/** Reads up to `length` bytes at `offset` of some data (fewer only at its end). */
export type ReadAt = (offset: number, length: number) => Promise<Uint8Array>;

/**
 * Reads and checks the npy header of the record at `offset` of data `size` bytes long (a file,
 * or an archive entry): only the header is read.
 *
 * @throws {InteropError} the codes of {@link parseNpyHeader}; E_FORMAT_TRUNCATED when the data
 *   the header announces runs past the end.
 */
export async function readNpyHeaderWith(read: ReadAt, offset: number, size: number, limits: ReadLimits, path: string): Promise<NpyHeader> {
  const pre = await read(offset, Math.min(12, size - offset));
  let want = pre.length;
  if (pre.length >= 10) {
    const view = new DataView(pre.buffer, pre.byteOffset, pre.byteLength);
    const wide = pre[6]! >= 2;
    const hlen = wide ? (pre.length >= 12 ? view.getUint32(8, true) : 0) : view.getUint16(8, true);
    want = Math.min(size - offset, (wide ? 12 : 10) + Math.min(hlen, limits.maxHeaderBytes + 1));
  }
  const head = want > pre.length ? await read(offset, want) : pre;
  const header = parseNpyHeader(head, 0, limits, path, offset);
  if (header.dataOffset + header.byteLength > size) {
    throw formatError('E_FORMAT_TRUNCATED', 'The data ends inside an npy array', {
      path,
      offset: header.dataOffset,
      expected: `${header.byteLength} bytes`,
      found: size - header.dataOffset,
    });
  }
  return header;
}

/** {@link readNpyHeaderWith} on an open file. */
export function readNpyHeaderAt(handle: FileHandle, offset: number, size: number, limits: ReadLimits, path: string): Promise<NpyHeader> {
  return readNpyHeaderWith((at, length) => readAt(handle, at, length), offset, size, limits, path);
}

/**
 * The lazy tensor of a record whose header was read, its data in `source`: a Fortran-order
 * record is the transpose of its data read as the reversed shape, so it too stays lazy.
 */
export function npyRecordTensor(header: NpyHeader, source: TensorSource): Tensor {
  if (!header.fortranOrder || header.shape.length < 2) return Tensor.fromSource(header.dtype, header.shape, source);
  const reversed = [...header.shape].reverse();
  return transpose(
    Tensor.fromSource(header.dtype, reversed, source),
    reversed.map((_, i) => reversed.length - 1 - i),
  );
}

/** The data of a record whose header was read at its place in an open file. */
export function recordSource(handle: FileHandle, header: NpyHeader, description: string): TensorSource {
  return fileRangeSource(handle, [{ offset: header.dataOffset, byteLength: header.byteLength }], description);
}

/** A `.npy` file opened for lazy reading. */
export interface NpyFile {
  /** The file path. */
  readonly path: string;
  /** The parsed header. */
  readonly header: NpyHeader;
  /** The array as a lazy tensor (nothing read until its values are needed). */
  readonly tensor: Tensor;
  /** Closes the file; read or write the tensor before. */
  close(): Promise<void>;
}

/**
 * Opens a `.npy` file and reads only its header; the array comes back as a lazy tensor read with
 * positional reads when needed (any size, no whole-file read).
 *
 * @throws {InteropError} E_IO when the file cannot be opened; the codes of {@link readNpy}, with
 *   the same checks (extra bytes after the array are refused).
 * @example
 * ```ts
 * const npy = await openNpy('kernel.npy');
 * try { await saveNpy('kernel-t.npy', transpose(npy.tensor, [1, 0])); } finally { await npy.close(); }
 * ```
 */
export async function openNpy(path: string, options: ReadNpyOptions = {}): Promise<NpyFile> {
  const input = await openInput(path);
  return closingOnError(input, async () => {
    const where = options.path ?? '';
    const header = await readNpyHeaderAt(input.handle, 0, input.size, resolveLimits(options.limits), where);
    const end = header.dataOffset + header.byteLength;
    if (end !== input.size) {
      throw formatError('E_FORMAT_CORRUPT', 'Extra bytes follow the npy array', {
        path: where,
        offset: end,
        expected: `${end} bytes`,
        found: input.size,
        fix: 'For an Equinox leaf stream use openEqxLeaves',
      });
    }
    return {
      path,
      header,
      tensor: npyRecordTensor(header, recordSource(input.handle, header, `${path}${where ? `: ${where}` : ''}`)),
      close: () => input.handle.close(),
    };
  });
}
