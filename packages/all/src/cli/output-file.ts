import { stat } from 'node:fs/promises';
import { InteropError } from '@interop/core';
import type { DirectoryCodec, FileArray, FormatCodec, LoadedModel, ReadHints, TensorTree } from '@interop/core';
import { memorySource, writeBytesAtomic, writeStreamAtomic } from '@interop/formats';
import type { CliContext, FrameworkFiles } from './context.js';
import { PROGRESS_MIN_BYTES, progressBar } from './progress.js';

/** A converted model about to be written: its tree (streamed) or its whole bytes, and its spec. */
export interface PreparedOutput {
  format: string;
  /** The codec of a file output. */
  codec: FormatCodec;
  /** The codec of a directory output (Orbax): the tree is written through it. */
  directory?: DirectoryCodec;
  spec: unknown;
  /** The tree the codec lays out (or the directory codec writes): when the codec and the framework's files part stream. */
  tree?: TensorTree;
  /** The whole file: when they do not. */
  bytes?: Uint8Array;
}

/** True when files of `codec` are written streaming for `files`' framework. */
export const streamsOut = (codec: FormatCodec, files: FrameworkFiles): boolean => !!codec.layout && !!files.writeTree;

/** The model as the output file of `format`: a tree to lay out, or bytes from `files.write`. */
export function prepareOutput(files: FrameworkFiles, model: unknown, format: string): PreparedOutput {
  const directory = files.directories?.find((c) => c.id === format);
  if (directory) return { format, codec: files.formats[0]!, directory, ...files.writeTree!(model, format) };
  const codec = files.formats.find((c) => c.id === format)!;
  if (streamsOut(codec, files)) return { format, codec, ...files.writeTree!(model, format) };
  return { format, codec, ...files.write(model, format) };
}

/** The output's arrays in file order, as `list` would read them back. */
export function outputArrays(o: PreparedOutput): FileArray[] {
  if (o.directory) return o.directory.arrays(o.tree!);
  return o.tree !== undefined ? [...o.codec.layout!(o.tree).arrays] : o.codec.list(memorySource(o.bytes!));
}

/** The output read back as its framework reads it: from the tree about to be written, or the bytes. */
export function readBack(files: FrameworkFiles, o: PreparedOutput, hints: ReadHints): LoadedModel {
  return o.tree !== undefined ? files.readTree!(o.tree, o.format, o.spec, hints) : files.read(o.bytes!, o.format, o.spec, hints);
}

/**
 * Refuses a directory output over an existing path before anything is written (Orbax's
 * `StandardCheckpointer().save` refuses too, unless `force=True`).
 *
 * @throws {InteropError} E_IO when `path` exists.
 */
export async function refuseExistingDirectory(path: string, o: PreparedOutput): Promise<void> {
  if (!o.directory) return;
  const exists = await stat(path).then(
    () => true,
    () => false,
  );
  if (exists) {
    throw new InteropError('E_IO', `${path} already exists; an ${o.format} checkpoint is written as a new directory`, {
      path,
      fix: `Remove ${path} first, or pass --out with a path that does not exist`,
    });
  }
}

/**
 * Writes the output atomically (temporary file, fsync, rename; nothing left behind on failure):
 * a tree through the codec's layout, block by block with a progress bar per byte written, or
 * the bytes at once; a directory (Orbax) through its codec, built under a temporary name and
 * renamed into place. Returns the file's size (a directory's: its array data).
 *
 * @throws {InteropError} E_OUTPUT_IS_INPUT; E_IO; what reading a lazy tensor throws (a truncated
 *   input is E_FORMAT_TRUNCATED).
 */
export async function writeOutput(ctx: CliContext, path: string, o: PreparedOutput, inputs: readonly string[]): Promise<number> {
  if (o.directory) {
    const onProgress = progressBar(`writing ${path}`, ctx.progress);
    return o.directory.write(path, o.tree!, { inputs, onProgress });
  }
  if (o.tree === undefined) {
    const bar = progressBar(`writing ${path}`, ctx.progress && o.bytes!.length >= PROGRESS_MIN_BYTES);
    await writeBytesAtomic(path, o.bytes!, { inputs });
    bar({ done: o.bytes!.length, total: o.bytes!.length });
    return o.bytes!.length;
  }
  const layout = o.codec.layout!(o.tree);
  const onProgress = progressBar(`writing ${path}`, ctx.progress && layout.byteLength >= PROGRESS_MIN_BYTES);
  await writeStreamAtomic(path, layout.byteLength, { inputs, onProgress }, async (out) => {
    await layout.write(out);
    if (out.position !== layout.byteLength) {
      throw new InteropError(
        'E_INVALID_PLUGIN',
        `The ${o.codec.id} codec wrote ${out.position} bytes, not the ${layout.byteLength} it laid out`,
        {
          fix: `Report this with the command: the ${o.codec.id} codec's layout and write disagree`,
        },
      );
    }
  });
  return layout.byteLength;
}
