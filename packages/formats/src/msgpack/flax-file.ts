import { DTYPES, Tensor, sizeOf } from '@interop/core';
import type { DTypeStorage } from '@interop/core';
import type { FileHandle } from 'node:fs/promises';
import { formatError } from '../errors.js';
import type { ProgressCallback } from '../io/progress.js';
import { closingOnError, openInput } from '../io/input-file.js';
import { fileRangeSource } from '../io/range-source.js';
import { fileSource } from './byte-source.js';
import type { ByteSource } from './byte-source.js';
import { scanFlaxMsgpack } from './read-flax.js';
import type { ReadFlaxOptions } from './read-flax.js';
import { arrayLeafAt, getAtPath, listTree, mapLazyArrays } from './tree.js';
import type { TreeEntry } from './tree.js';
import { type LazyArray, NumpyScalar } from './values.js';
import type { ByteRange, MsgpackValue } from './values.js';

const BLOCK = 1 << 26;

/**
 * The byte ranges in the file that hold bytes `[start, start + length)` of a lazy array's data.
 *
 * @example
 * ```ts
 * sliceRanges(leaf, 0, 16); // [{ offset: 1234, byteLength: 16 }]
 * ```
 */
export function sliceRanges(leaf: LazyArray, start: number, length: number): ByteRange[] {
  const out: ByteRange[] = [];
  let base = 0;
  for (const r of leaf.ranges) {
    const lo = Math.max(start, base);
    const hi = Math.min(start + length, base + r.byteLength);
    if (lo < hi) out.push({ offset: r.offset + lo - base, byteLength: hi - lo });
    base += r.byteLength;
  }
  return out;
}

/**
 * Reads `range` of a file into `target` with positional reads, in 64 MiB blocks.
 *
 * @throws {InteropError} E_IO when the file is shorter than expected.
 * @example
 * ```ts
 * await readRangeInto(handle, { offset: 128, byteLength: 64 }, new Uint8Array(64));
 * ```
 */
export async function readRangeInto(
  handle: FileHandle,
  range: ByteRange,
  target: Uint8Array,
  onBlock?: (bytes: number) => void,
): Promise<void> {
  let got = 0;
  while (got < range.byteLength) {
    const want = Math.min(BLOCK, range.byteLength - got);
    const { bytesRead } = await handle.read(target, got, want, range.offset + got);
    if (bytesRead === 0) throw formatError('E_IO', 'The file shrank while being read', { offset: range.offset + got });
    got += bytesRead;
    onBlock?.(bytesRead);
  }
}

/**
 * A Flax msgpack file opened for lazy reading: the tree is scanned once (array data is skipped),
 * then arrays are loaded one at a time with positional reads. Works for files over 2 GiB.
 *
 * @example
 * ```ts
 * const file = await openFlaxMsgpack('ckpt.msgpack');
 * try {
 *   console.table(file.list());
 *   const kernel = await file.load('params/Dense_0/kernel');
 * } finally { await file.close(); }
 * ```
 */
export class FlaxMsgpackFile {
  constructor(
    /** The file path. */
    readonly path: string,
    /** The open handle (positional reads only). */
    readonly handle: FileHandle,
    /** Synchronous positional access, used by the scanner. */
    readonly source: ByteSource,
    /** The scanned tree; array leaves are `LazyArray`s. */
    readonly tree: MsgpackValue,
  ) {}

  /** Every array leaf: path, dtype, shape and byte size, in file order. */
  list(): TreeEntry[] {
    return listTree(this.tree);
  }

  /**
   * Loads one array (ext 3 scalars come back as 0-d tensors).
   *
   * @throws {InteropError} E_FORMAT_MISMATCH when no array is at `path`.
   */
  async load(path: string | readonly string[] | LazyArray, onProgress?: ProgressCallback): Promise<Tensor> {
    const leaf = this.leafAt(path);
    const info = DTYPES[leaf.dtype];
    const data = new info.storage(sizeOf(leaf.shape));
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const total = leaf.byteLength;
    let done = 0;
    for (const r of leaf.ranges) {
      await readRangeInto(this.handle, r, bytes.subarray(done), (n) => {
        onProgress?.({ done: done + n, total });
      });
      done += r.byteLength;
    }
    onProgress?.({ done: total, total });
    return new Tensor(leaf.dtype, leaf.shape, data as DTypeStorage[typeof leaf.dtype]);
  }

  /**
   * One array as a lazy tensor: nothing is read until its values are needed, and layout steps
   * (`transpose`, `reshape`, ...) on it are recorded, not computed. Keep the file open until
   * every tensor taken from it is written.
   *
   * @throws {InteropError} E_FORMAT_MISMATCH when no array is at `path`.
   * @example
   * ```ts
   * const kernel = transpose(file.tensor('params/Dense_0/kernel'), [1, 0]); // nothing read yet
   * ```
   */
  tensor(path: string | readonly string[] | LazyArray): Tensor {
    const leaf = this.leafAt(path);
    return Tensor.fromSource(leaf.dtype, leaf.shape, fileRangeSource(this.handle, leaf.ranges, `${this.path}: ${leaf.path}`));
  }

  /**
   * The whole tree with every array leaf as a lazy tensor (ext 3 scalars as `NumpyScalar`s of
   * lazy 0-d tensors): what {@link FlaxMsgpackFile.loadTree} returns, without reading any array.
   * Pass it to `saveFlaxMsgpack`, or take it apart for a conversion.
   *
   * @example
   * ```ts
   * const tree = file.lazyTree();
   * await saveFlaxMsgpack('copy.msgpack', tree, { inputs: [file.path] });
   * ```
   */
  lazyTree(): MsgpackValue {
    return mapLazyArrays(this.tree, (leaf) => {
      const t = this.tensor(leaf);
      return leaf.kind === 'npscalar' ? new NumpyScalar(t) : t;
    });
  }

  private leafAt(path: string | readonly string[] | LazyArray): LazyArray {
    return arrayLeafAt(this.tree, path, 'file.list()');
  }

  /** Loads every array: the whole tree with `Tensor`s (and `NumpyScalar`s for ext 3). */
  async loadTree(onProgress?: ProgressCallback): Promise<MsgpackValue> {
    const leaves = this.list();
    const total = leaves.reduce((s, e) => s + e.byteLength, 0);
    const loaded = new Map<LazyArray, Tensor>();
    let done = 0;
    for (const e of leaves) {
      const leaf = getAtPath(this.tree, e.keys) as LazyArray;
      loaded.set(leaf, await this.load(leaf, (p) => onProgress?.({ done: done + p.done, total })));
      done += e.byteLength;
    }
    return mapLazyArrays(this.tree, (leaf) => {
      const t = loaded.get(leaf)!;
      return leaf.kind === 'npscalar' ? new NumpyScalar(t) : t;
    });
  }

  /** Closes the file. */
  async close(): Promise<void> {
    await this.handle.close();
  }
}

/**
 * Opens a Flax msgpack file (what `flax.serialization.to_bytes` or braintools' `msgpack_save`
 * wrote) and scans its tree without loading array data.
 *
 * @throws {InteropError} E_IO when the file cannot be opened; the E_FORMAT_* codes of
 *   {@link readFlaxMsgpack}.
 * @example
 * ```ts
 * const file = await openFlaxMsgpack('ckpt.msgpack');
 * ```
 */
export async function openFlaxMsgpack(path: string, options: ReadFlaxOptions = {}): Promise<FlaxMsgpackFile> {
  const input = await openInput(path);
  return closingOnError(input, async () => {
    const source = fileSource(input.handle.fd, input.size);
    return new FlaxMsgpackFile(path, input.handle, source, scanFlaxMsgpack(source, options));
  });
}
