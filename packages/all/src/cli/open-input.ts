import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { InteropError } from '@interop/core';
import type { FileArray, FormatCodec, TensorTree } from '@interop/core';
import { memorySource } from '@interop/formats';
import { detectFormat } from '../interop/detect-format.js';
import type { CliContext, FrameworkFiles } from './context.js';
import { positionalSource } from './positional-source.js';
import { readFileWithProgress } from './progress.js';

/** An input file opened for a framework: its format, and its tree (lazy) or its whole bytes. */
export interface OpenedInput {
  path: string;
  format: string;
  codec: FormatCodec;
  /** The tree the codec opens, its tensors lazy: when the codec and the framework's files part stream. */
  tree?: TensorTree;
  /** The whole file: when they do not (a third-party codec or plugin without the streaming members). */
  bytes?: Uint8Array;
  /** The file's arrays in file order, from headers. */
  arrays(): FileArray[];
  /** Closes the file; every lazy tensor read from it must be written or released before. */
  close(): Promise<void>;
}

async function openHandle(path: string): Promise<FileHandle> {
  try {
    return await open(path, 'r');
  } catch (cause) {
    throw new InteropError('E_IO', `Cannot open ${path}: ${(cause as Error).message}`, {
      path,
      fix: 'Check the path and that the file is readable',
    });
  }
}

/** True when files of `codec` are read lazily for `files`' framework. */
export const streamsIn = (codec: FormatCodec, files: FrameworkFiles): boolean => !!codec.openSource && !!files.readTree;

/**
 * Opens an input of `files.framework` (`format` as given, else detected from its first bytes).
 * A codec with `openSource` and a files part with `readTree` give a tree of lazy tensors that
 * read through positional reads while the file stays open; otherwise the whole file is read.
 * The one place inputs are opened, so another kind of input (a directory) is one more branch.
 *
 * @throws {InteropError} E_IO when the file cannot be opened; E_FORMAT_MISMATCH when it is not of
 *   the framework's formats; the codec's format errors, at the file's path.
 */
export async function openInput(ctx: CliContext, path: string, files: FrameworkFiles, format?: string): Promise<OpenedInput> {
  const handle = await openHandle(path);
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await handle.close();
  };
  try {
    const size = (await handle.stat()).size;
    const source = positionalSource(handle, size, path);
    const id = format ?? detectFormat(source.read(0, Math.min(16, size)).slice(), files, ctx, path);
    const codec = files.formats.find((c) => c.id === id)!;
    if (streamsIn(codec, files)) {
      const tree = atPath(path, () => codec.openSource!(source));
      return { path, format: id, codec, tree, arrays: () => codec.list(source), close };
    }
    await close();
    const bytes = await readFileWithProgress(path, ctx.progress);
    return { path, format: id, codec, bytes, arrays: () => codec.list(memorySource(bytes)), close: async () => undefined };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Runs `f`, giving a format error that names no path the file's path. */
export function atPath<T>(path: string, f: () => T): T {
  try {
    return f();
  } catch (error) {
    if (error instanceof InteropError && error.details.path === undefined && error.code.startsWith('E_FORMAT')) throw error.at(path);
    throw error;
  }
}

/** Closes every opened input, whatever happened (each at most once). */
export async function closeAll(inputs: readonly (OpenedInput | undefined)[]): Promise<void> {
  await Promise.all(inputs.map((i) => i?.close().catch(() => undefined)));
}
