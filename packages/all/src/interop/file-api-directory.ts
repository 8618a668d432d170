import { InteropError, Tensor } from '@interop/core';
import type { DirectoryCodec, LoadedModel, ReadHints, TensorTree } from '@interop/core';
import type { NamedFiles } from './detect-format.js';

/** True when `path` is a directory (Node; false for anything missing). */
export async function isDirectoryPath(path: string): Promise<boolean> {
  const { stat } = await import('node:fs/promises');
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/** The framework's directory codec of `format`, or the one that recognises the directory's entries. */
async function directoryCodec(files: NamedFiles, path: string, format: string | undefined): Promise<DirectoryCodec> {
  const { readdir } = await import('node:fs/promises');
  const codecs = files.directories ?? [];
  const entries = await readdir(path);
  const codec = format !== undefined ? codecs.find((c) => c.id === format) : codecs.find((c) => c.detect(entries));
  if (codec) return codec;
  const ids = [...files.formats, ...codecs].map((c) => c.id);
  throw new InteropError(
    'E_FORMAT_MISMATCH',
    codecs.length === 0
      ? `${path} is a directory, but ${files.framework} checkpoints are files (${ids.join(' or ')})`
      : `${path} is a directory that is not an ${codecs.map((c) => c.id).join(' or ')} checkpoint`,
    {
      path,
      expected: ids.join(' or '),
      fix: "Pass the checkpoint file, or the directory Orbax saved with { framework: 'nnx' } or { framework: 'linen' }",
    },
  );
}

// Every tensor read into memory, so that the model outlives the directory's open files.
function eager(tree: TensorTree): TensorTree {
  if (tree instanceof Tensor) return tree.clone();
  if (tree instanceof Map) return new Map([...tree].map(([k, v]) => [k, eager(v as TensorTree)]));
  if (Array.isArray(tree)) return tree.map((v) => eager(v as TensorTree));
  return tree;
}

/**
 * Reads a checkpoint directory (Orbax) of `files.framework` into a model: the step and item
 * chosen, every array loaded, the files closed before returning.
 *
 * @throws {InteropError} E_FORMAT_MISMATCH for a directory the framework does not read, a missing
 *   step or item; the codec's format errors; what `readTree` throws.
 */
export async function loadDirectory(
  files: NamedFiles,
  path: string,
  options: { format?: string | undefined; step?: number | undefined; item?: string | undefined; spec: unknown; hints: ReadHints },
): Promise<LoadedModel & { format: string }> {
  const codec = await directoryCodec(files, path, options.format);
  const opened = await codec.open(path, {
    ...(options.step !== undefined ? { step: options.step } : {}),
    ...(options.item !== undefined ? { item: options.item } : {}),
  });
  try {
    return { ...files.readTree!(eager(opened.tree), codec.id, options.spec, options.hints), format: codec.id };
  } finally {
    await opened.close();
  }
}

/**
 * Writes a model as a new checkpoint directory of `codec` at `path` (atomic; an existing path is
 * refused) and returns its spec.
 *
 * @throws {InteropError} E_IO when `path` exists or writing fails; E_INVALID_ARGUMENT for values
 *   the format cannot hold.
 */
export async function saveDirectory(files: NamedFiles, codec: DirectoryCodec, model: unknown, path: string): Promise<unknown> {
  const { tree, spec } = files.writeTree!(model, codec.id);
  await codec.write(path, tree);
  return spec;
}
