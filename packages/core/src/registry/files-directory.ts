import type { CodecOptions, FileArray, TensorTree } from './files.js';

/** Which part of a directory checkpoint to open, besides the read bounds. */
export interface DirectoryOpenOptions extends CodecOptions {
  /** The step of a directory of steps (Orbax `CheckpointManager`). @default the latest */
  step?: number;
  /** The item of a step (`state`, `default`, ...). @default the format's usual one, or the only one */
  item?: string;
}

/** A directory checkpoint opened for lazy reading. */
export interface OpenedDirectory {
  /** The tree, its tensors lazy: they read their chunks only when needed, until {@link OpenedDirectory.close}. */
  readonly tree: TensorTree;
  /** The directory actually read (an item folder inside the one given, for a step layout). */
  readonly path: string;
  /** How it is laid out, for people (`OCDBT, zarr v2`). */
  readonly layout: string;
  /** The step chosen, when the directory holds steps. */
  readonly step?: number;
  /** The item chosen, when a step holds items. */
  readonly item?: string;
  /** Every array in tree order, from metadata (nothing is read). */
  arrays(): FileArray[];
  /** Closes every file; every lazy tensor taken from the tree must be written or released before. */
  close(): Promise<void>;
}

/** How a directory checkpoint is written. */
export interface DirectoryWriteOptions {
  /** Paths the tree is read from: writing over one of them is refused. */
  inputs?: readonly string[];
  /** Called as array data is written. */
  onProgress?: (progress: { done: number; total: number }) => void;
}

/**
 * A checkpoint format whose files are directories (Orbax): recognised from the names of the
 * directory's entries, opened into a lazy {@link TensorTree}, written from one. Members take
 * paths: the reader needs synchronous random reads into many files (lazy tensors are synchronous)
 * and its own symlink and traversal checks, which a path-based reader gives now (decision 019).
 * Writes are atomic: built under a temporary name, renamed into place; an existing directory is
 * refused.
 *
 * @example
 * ```ts
 * if (orbaxCodec.detect(await readdir(dir))) {
 *   const opened = await orbaxCodec.open(dir, { step: 2 });
 *   try { console.table(opened.arrays()); } finally { await opened.close(); }
 * }
 * ```
 */
export interface DirectoryCodec {
  /** What `--format` / `--out-format` names and messages show (`orbax`). */
  readonly id: string;
  /** What `interop inspect` calls the format. */
  readonly title: string;
  /** True when a directory with these entry names (not recursive) is of this format. */
  detect(entries: readonly string[]): boolean;
  /**
   * Opens the directory at `path` lazily.
   *
   * @throws {InteropError} E_FORMAT_* for a directory of another or a malformed format, a missing
   *   step or item (naming the ones there are); E_IO.
   */
  open(path: string, options?: DirectoryOpenOptions): Promise<OpenedDirectory>;
  /** The arrays `write` would write for `tree`, in the order {@link OpenedDirectory.arrays} lists them back. */
  arrays(tree: TensorTree): FileArray[];
  /**
   * Writes `tree` as a new directory at `path`, tensor data block by block; returns the bytes of
   * array data written.
   *
   * @throws {InteropError} E_IO when `path` exists or the file system fails; E_OUTPUT_IS_INPUT;
   *   E_INVALID_ARGUMENT for values the format cannot hold.
   */
  write(path: string, tree: TensorTree, options?: DirectoryWriteOptions): Promise<number>;
}
