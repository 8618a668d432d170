import { Tensor } from '@interop/core';
import type { ProgressCallback } from '../io/progress.js';
import type { ReadLimits } from '../limits.js';
import type { FlaxMsgpackFile } from '../msgpack/flax-file.js';
import { arrayLeafAt, getAtPath, listTree, mapLazyArrays } from '../msgpack/tree.js';
import type { TreeEntry } from '../msgpack/tree.js';
import { type LazyArray, NumpyScalar } from '../msgpack/values.js';
import type { MsgpackValue } from '../msgpack/values.js';
import { formatError } from '../errors.js';
import type { ChunkCache } from './chunk-cache.js';
import type { FilePool } from './file-pool.js';
import type { KvStore } from './kv-store.js';
import { OrbaxArray } from './orbax-leaf.js';
import { pythonScalar } from './python-scalar.js';
import type { SyncFiles } from './sync-files.js';
import { readZarrArray } from './zarr-array.js';
import { zarrSource } from './zarr-source.js';
import type { ZarrSourceContext } from './zarr-source.js';

/** What was opened: the format, the key-value store and array format, the step and item chosen. */
export interface OrbaxLayout {
  /** `'orbax'` (`_METADATA` tree), `'orbax-msgpack'` (Orbax <= 0.5 `checkpoint` file) or `'flax-msgpack'` (`checkpoint_N`). */
  format: 'orbax' | 'orbax-msgpack' | 'flax-msgpack';
  /** Arrays are keys of an OCDBT database (else plain files). */
  ocdbt: boolean;
  /** zarr format of the arrays (absent for `flax-msgpack`). */
  zarr?: 2 | 3;
  /** The step chosen in a `CheckpointManager` layout. */
  step?: number;
  /** The item chosen in a multi-item layout. */
  item?: string;
  /** The item directory (or msgpack file) read. */
  path: string;
}

/** Where an {@link OrbaxCheckpoint} reads from; internal parts of an opened checkpoint. */
export interface OrbaxSources {
  /** The key-value store of the arrays. */
  store?: KvStore;
  /** The open files of the item directory. */
  pool?: FilePool;
  /** The legacy msgpack file, when the tree (or some leaves) come from one. */
  msgpack?: FlaxMsgpackFile;
  /** Resolved read limits. */
  limits: ReadLimits;
  /** Synchronous access for lazy tensors: the files, the values and the decoded-chunk cache. */
  lazy?: ZarrSourceContext & { files: SyncFiles; cache: ChunkCache };
}

/**
 * An Orbax checkpoint opened for lazy reading (see {@link openOrbaxCheckpoint}): the tree is
 * built from `_METADATA` (or the legacy msgpack file) with every array a {@link LazyArray}
 * (an {@link OrbaxArray} for zarr arrays); arrays are read chunk by chunk when loaded. Same methods
 * as `FlaxMsgpackFile`, so callers treat both alike.
 *
 * @example
 * ```ts
 * const ckpt = await openOrbaxCheckpoint('ckpts'); // latest step, item state/default
 * try {
 *   console.table(ckpt.list());
 *   const kernel = await ckpt.load('layers/0/kernel/value');
 * } finally { await ckpt.close(); }
 * ```
 */
export class OrbaxCheckpoint {
  constructor(
    /** The path that was opened. */
    readonly path: string,
    /** The tree; array leaves are `LazyArray`s, strings and `None` are values. */
    readonly tree: MsgpackValue,
    /** What was found and chosen. */
    readonly layout: OrbaxLayout,
    private readonly sources: OrbaxSources,
  ) {}

  /** The array leaf at `path` (or `path` itself when already one). */
  private leafAt(path: string | readonly string[] | LazyArray): LazyArray {
    return arrayLeafAt(this.tree, path, 'checkpoint.list()');
  }

  /** Every array leaf (scalars included): path, dtype, shape, decoded byte size, in tree order. */
  list(): TreeEntry[] {
    return listTree(this.tree);
  }

  /**
   * Loads one array (an Orbax `scalar` comes back as a 0-d tensor).
   *
   * @throws {InteropError} E_FORMAT_MISMATCH when no array is at `path`; E_FORMAT_* for bad chunks.
   */
  async load(path: string | readonly string[] | LazyArray, onProgress?: ProgressCallback): Promise<Tensor> {
    const leaf = this.leafAt(path);
    if (leaf instanceof OrbaxArray) {
      const t = await readZarrArray(this.sources.store!, leaf.name, leaf.meta, this.sources.limits);
      onProgress?.({ done: leaf.byteLength, total: leaf.byteLength });
      return t;
    }
    if (!this.sources.msgpack) throw formatError('E_FORMAT_MISMATCH', 'The array belongs to another file', { path: leaf.path });
    return this.sources.msgpack.load(leaf, onProgress);
  }

  /**
   * One array as a lazy tensor: nothing is read until its values are needed, then only the chunks
   * a read overlaps are read and decoded (see `chunkCacheBytes` of `openOrbaxCheckpoint`). Layout
   * steps (`transpose`, `reshape`, ...) on it are recorded, not computed. Keep the checkpoint open
   * until every tensor taken from it is written.
   *
   * @throws {InteropError} E_FORMAT_MISMATCH when no array is at `path`; E_FORMAT_LIMIT for an
   *   array of more chunks than `limits.maxEntries`.
   * @example
   * ```ts
   * const kernel = ckpt.tensor('layers/0/kernel/value'); // nothing read yet
   * ```
   */
  tensor(path: string | readonly string[] | LazyArray): Tensor {
    const leaf = this.leafAt(path);
    if (leaf instanceof OrbaxArray) {
      const ctx = this.sources.lazy!;
      return Tensor.fromSource(leaf.dtype, leaf.shape, zarrSource(leaf.name, leaf.meta, ctx, `${this.path}: ${leaf.path}`));
    }
    if (!this.sources.msgpack) throw formatError('E_FORMAT_MISMATCH', 'The array belongs to another file', { path: leaf.path });
    return this.sources.msgpack.tensor(leaf);
  }

  /**
   * The whole tree with every array a lazy tensor, shaped as {@link OrbaxCheckpoint.loadTree}
   * returns it (Map branches; an NNX `State` keeps its `value` leaves), without reading any array:
   * hand it to the streaming writers (`saveEqxLeaves`, `saveFlaxMsgpack`, `saveOrbaxCheckpoint`).
   * Orbax `scalar` leaves are read now (a few bytes each) and become Python-like numbers, as in
   * `loadTree`; legacy msgpack numpy scalars are `NumpyScalar`s of lazy tensors.
   *
   * @throws {InteropError} E_FORMAT_* when a scalar cannot be read.
   * @example
   * ```ts
   * const tree = ckpt.lazyTree();
   * await saveFlaxMsgpack('model.msgpack', tree, { inputs: [ckpt.layout.path] });
   * await ckpt.close();
   * ```
   */
  lazyTree(): MsgpackValue {
    return mapLazyArrays(this.tree, (leaf) => {
      const t = this.tensor(leaf);
      if (leaf.kind !== 'npscalar') return t;
      return leaf instanceof OrbaxArray ? pythonScalar(t) : new NumpyScalar(t);
    });
  }

  /**
   * Loads every array: the whole tree with `Tensor`s. Orbax `scalar` leaves become Python-like
   * numbers (`bigint` for ints, `number` for floats); msgpack numpy scalars `NumpyScalar`s.
   */
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
      if (leaf.kind !== 'npscalar') return t;
      return leaf instanceof OrbaxArray ? pythonScalar(t) : new NumpyScalar(t);
    });
  }

  /** Closes every open file. */
  async close(): Promise<void> {
    this.sources.lazy?.files.close();
    this.sources.lazy?.cache.clear();
    await this.sources.pool?.close();
    await this.sources.msgpack?.close();
  }
}
