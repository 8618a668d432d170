import type { Tensor } from '@interop/core';
import type { FileHandle } from 'node:fs/promises';
import { formatError } from '../errors.js';
import { closingOnError, openInput, readAt } from '../io/input-file.js';
import { fileRangeSource } from '../io/range-source.js';
import { resolveLimits } from '../limits.js';
import type { ReadLimits } from '../limits.js';
import { npyRecordTensor, readNpyHeaderWith } from '../npy/npy-file.js';
import { checkNpzEntry } from './entry-checks.js';
import { inflatingSource } from './inflate-source.js';
import type { ReadNpzOptions } from './npz.js';
import { readZipDirectory } from './zip-directory.js';
import type { ZipDirectoryEntry } from './zip-directory.js';

/** A `.npz` archive opened for lazy reading. */
export interface NpzFile {
  /** The file path. */
  readonly path: string;
  /** Arrays by name (without `.npy`), in archive order, each lazy. */
  readonly arrays: Map<string, Tensor>;
  /** Closes the file; read or write the arrays before. */
  close(): Promise<void>;
}

function checkEntry(e: ZipDirectoryEntry, names: Set<string>, limits: ReadLimits): void {
  checkNpzEntry(e, names, limits);
  if (e.method !== 0 && e.method !== 8) {
    throw formatError('E_FORMAT_CORRUPT', `Not a readable npz archive: unknown compression method ${e.method}`, { path: e.name });
  }
}

async function entryTensor(handle: FileHandle, e: ZipDirectoryEntry, limits: ReadLimits, file: string): Promise<Tensor> {
  const where = `${file}: ${e.name}`;
  const inflated = (at: number, length: number): ReturnType<typeof inflatingSource> => inflatingSource(handle, e, at, length, where);
  const read =
    e.method === 0
      ? (at: number, length: number) => readAt(handle, e.dataOffset + at, length)
      : async (at: number, length: number) => {
          const out = new Uint8Array(length);
          inflated(at, length).read(0, out);
          return out;
        };
  const header = await readNpyHeaderWith(read, 0, e.size, { ...limits }, e.name);
  const end = header.dataOffset + header.byteLength;
  if (end !== e.size) {
    throw formatError('E_FORMAT_CORRUPT', 'Extra bytes follow the npy array', {
      path: e.name,
      offset: end,
      expected: `${end} bytes`,
      found: e.size,
      fix: 'For an Equinox leaf stream use readEqxLeaves',
    });
  }
  const source =
    e.method === 0
      ? fileRangeSource(handle, [{ offset: e.dataOffset + header.dataOffset, byteLength: header.byteLength }], where)
      : inflated(header.dataOffset, header.byteLength);
  return npyRecordTensor(header, source);
}

/**
 * Opens a `.npz` archive (`np.savez` stored or `np.savez_compressed` deflated, zip64 included)
 * reading only its directory and each entry's npy header; arrays come back lazy. Stored entries
 * are read in place; deflated ones are inflated when their values are read.
 *
 * @throws {InteropError} E_IO when the file cannot be opened; the codes of {@link readNpz}.
 * @example
 * ```ts
 * const npz = await openNpz('weights.npz');
 * try { await saveSafetensors('weights.safetensors', npz.arrays); } finally { await npz.close(); }
 * ```
 */
export async function openNpz(path: string, options: ReadNpzOptions = {}): Promise<NpzFile> {
  const input = await openInput(path);
  return closingOnError(input, async () => {
    const limits = resolveLimits(options.limits);
    const entries = await readZipDirectory(input.handle, input.size, limits);
    const names = new Set<string>();
    for (const e of entries) checkEntry(e, names, limits);
    const arrays = new Map<string, Tensor>();
    for (const e of entries) {
      arrays.set(e.name.endsWith('.npy') ? e.name.slice(0, -4) : e.name, await entryTensor(input.handle, e, limits, path));
    }
    return { path, arrays, close: () => input.handle.close() };
  });
}
