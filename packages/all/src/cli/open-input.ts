import { open, readdir, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { InteropError } from '@interop/core';
import type { DirectoryCodec, DirectoryOpenOptions, FileArray, FormatCodec, TensorTree } from '@interop/core';
import { memorySource } from '@interop/formats';
import { detectFormat } from '../interop/detect-format.js';
import type { CliContext, FrameworkFiles } from './context.js';
import { positionalSource } from './positional-source.js';
import { readFileWithProgress } from './progress.js';

/** An input file or directory opened for a framework: its format, and its tree (lazy) or its whole bytes. */
export interface OpenedInput {
  path: string;
  format: string;
  /** The codec of a file input. */
  codec?: FormatCodec;
  /** The codec of a directory input (Orbax), with the step and item chosen and the layout found. */
  directory?: { codec: DirectoryCodec; path: string; layout: string; step?: number; item?: string };
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

/** Which step and item of a directory input to open (`--step`, `--item`). */
export type SelectOptions = Pick<DirectoryOpenOptions, 'step' | 'item'>;

const or = (names: readonly string[]) => (names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`);

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/** Opens a directory input with the framework's directory codec that recognises it. */
async function openDirectoryInput(
  ctx: CliContext,
  path: string,
  files: FrameworkFiles,
  format: string | undefined,
  select: SelectOptions,
): Promise<OpenedInput> {
  const codecs = files.directories ?? [];
  let entries: string[];
  try {
    entries = await readdir(path);
  } catch (cause) {
    throw new InteropError('E_IO', `Cannot list ${path}: ${(cause as Error).message}`, {
      path,
      fix: 'Check the path and that the directory is readable',
    });
  }
  const codec = format !== undefined ? codecs.find((c) => c.id === format) : codecs.find((c) => c.detect(entries));
  if (!codec) {
    const owners = Object.values(ctx.files)
      .filter((f) => (f.directories ?? []).some((c) => c.detect(entries)))
      .map((f) => f.framework);
    const ids = [...files.formats, ...codecs].map((c) => c.id);
    throw new InteropError(
      'E_FORMAT_MISMATCH',
      codecs.length === 0
        ? `${path} is a directory, but ${files.framework} checkpoints are files (${ids.join(' or ')})`
        : `${path} is a directory that is not ${or(codecs.map((c) => `an ${c.id} checkpoint`))}`,
      {
        path,
        expected: ids.join(' or '),
        fix:
          owners.length > 0
            ? `Check --from: this directory looks like a checkpoint of ${or(owners)}`
            : 'Pass the checkpoint file, or the directory Orbax saved (the one holding _METADATA, or a CheckpointManager root)',
      },
    );
  }
  const opened = await atPathAsync(path, () => codec.open(path, select));
  return {
    path,
    format: codec.id,
    directory: {
      codec,
      path: opened.path,
      layout: opened.layout,
      ...(opened.step !== undefined ? { step: opened.step } : {}),
      ...(opened.item !== undefined ? { item: opened.item } : {}),
    },
    tree: opened.tree,
    arrays: () => opened.arrays(),
    close: () => opened.close(),
  };
}

/**
 * Opens an input of `files.framework` (`format` as given, else detected from its first bytes).
 * A codec with `openSource` and a files part with `readTree` give a tree of lazy tensors that
 * read through positional reads while the file stays open; otherwise the whole file is read.
 * The one place inputs are opened: a directory is opened by the framework's directory codec that
 * recognises its entries (Orbax; `select` picks its step and item), lazily too.
 *
 * @throws {InteropError} E_IO when the file cannot be opened; E_FORMAT_MISMATCH when it is not of
 *   the framework's formats (a directory for a framework without directory formats), or a step or
 *   item is missing; E_INVALID_ARGUMENT for `select` on a file; the codec's format errors, at the path.
 */
export async function openInput(
  ctx: CliContext,
  path: string,
  files: FrameworkFiles,
  format?: string,
  select: SelectOptions = {},
): Promise<OpenedInput> {
  if (await isDirectory(path)) return openDirectoryInput(ctx, path, files, format, select);
  const flag = select.step !== undefined ? '--step' : select.item !== undefined ? '--item' : undefined;
  if (flag !== undefined) {
    throw new InteropError('E_INVALID_ARGUMENT', `${flag} picks from an Orbax checkpoint directory, and ${path} is a file`, {
      path,
      fix: `Leave out ${flag}, or pass the checkpoint directory`,
    });
  }
  if ((files.directories ?? []).some((c) => c.id === format)) {
    throw new InteropError('E_FORMAT_MISMATCH', `${path} is a file, and ${format} checkpoints are directories`, {
      path,
      fix: `Pass the ${format} checkpoint directory, or leave out --format to detect the file's`,
    });
  }
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

/** {@link atPath} for an asynchronous `f`. */
export async function atPathAsync<T>(path: string, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (error) {
    if (error instanceof InteropError && error.details.path === undefined && error.code.startsWith('E_FORMAT')) throw error.at(path);
    throw error;
  }
}

/** Closes every opened input, whatever happened (each at most once). */
export async function closeAll(inputs: readonly (OpenedInput | undefined)[]): Promise<void> {
  await Promise.all(inputs.map((i) => i?.close().catch(() => undefined)));
}
