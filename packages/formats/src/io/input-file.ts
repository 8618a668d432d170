import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { formatError } from '../errors.js';

/** A file opened for positional reads, and its size when opened. */
export interface InputFile {
  /** The open handle. */
  handle: FileHandle;
  /** Size in bytes. */
  size: number;
}

/**
 * Opens a file for reading and takes its size.
 *
 * @throws {InteropError} E_IO when it cannot be opened.
 */
export async function openInput(path: string): Promise<InputFile> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    throw formatError('E_IO', `Cannot open ${path}: ${(e as Error).message}`, { path, cause: e });
  }
  try {
    return { handle, size: (await handle.stat()).size };
  } catch (e) {
    await handle.close();
    throw formatError('E_IO', `Cannot read ${path}: ${(e as Error).message}`, { path, cause: e });
  }
}

/** Reads up to `length` bytes at `offset`; fewer come back only at the end of the file. */
export async function readAt(handle: FileHandle, offset: number, length: number): Promise<Uint8Array> {
  const out = new Uint8Array(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await handle.read(out, got, length - got, offset + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got === length ? out : out.subarray(0, got);
}

/** Runs `body` on an opened file, closing it when `body` throws. */
export async function closingOnError<T>(input: InputFile, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (e) {
    await input.handle.close();
    throw e;
  }
}
