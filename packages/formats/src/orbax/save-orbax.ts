import { DTYPES, Tensor } from '@interop/core';
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { formatError } from '../errors.js';
import { assertNotInput } from '../io/atomic-write.js';
import type { ProgressCallback } from '../io/progress.js';
import type { LazyArray, MsgpackInput } from '../msgpack/values.js';
import { OutputStream } from '../io/output-stream.js';
import { gridIndices } from './copy-block.js';
import { encodeLeafNode, encodeManifest } from './encode-ocdbt.js';
import type { LeafEntry } from './encode-ocdbt.js';
import { flattenOrbaxInput } from './orbax-input.js';
import { arrayValueType, chunkShapeFor, metadataJson, shardingJson, zarrayJson } from './orbax-json.js';

/** Options of {@link saveOrbaxCheckpoint}. */
export interface SaveOrbaxOptions {
  /** `'ocdbt'` (Orbax's default: one OCDBT database) or `'files'` (one file per zarr key). @default 'ocdbt' */
  layout?: 'ocdbt' | 'files';
  /**
   * `'jax.Array'` (restored as jax arrays; `_sharding` written for one CPU device) or
   * `'np.ndarray'` (restored as numpy arrays, no `_sharding`). 64-bit arrays are always written
   * as `np.ndarray`, since jax without x64 would restore them as 32 bits. @default 'jax.Array'
   */
  arrayType?: 'jax.Array' | 'np.ndarray';
  /** The device `_sharding` names. @default 'cpu:0' */
  device?: string;
  /** Chunks are split (into divisors of the shape) above this size. @default 2^30 */
  maxChunkBytes?: number;
  /** Replace an existing directory at `path` (after the new one is complete). @default false */
  overwrite?: boolean;
  /**
   * Gives `LazyArray` leaves (an opened `OrbaxCheckpoint` or `FlaxMsgpackFile`): as lazy tensors
   * through its `tensor` method when it has one, else loaded whole through `load`.
   */
  source?: { load(leaf: LazyArray): Promise<Tensor>; tensor?(leaf: LazyArray): Tensor };
  /** Bytes of a lazy tensor read and written at a time. @default 16 MiB */
  blockBytes?: number;
  /** Paths the tree is read from; writing over any of them is refused. */
  inputs?: readonly string[];
  /** Called after each array is written. */
  onProgress?: ProgressCallback;
}

const MAX_INLINE = 1024;
const utf8 = new TextEncoder();

async function writeAll(h: FileHandle, bytes: Uint8Array): Promise<void> {
  let done = 0;
  while (done < bytes.length) done += (await h.write(bytes, done, bytes.length - done)).bytesWritten;
}

async function writeFile(path: string, bytes: Uint8Array | string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const h = await open(path, 'wx');
  try {
    await writeAll(h, typeof bytes === 'string' ? utf8.encode(bytes) : bytes);
    await h.datasync();
  } finally {
    await h.close();
  }
}

/**
 * Where the chunks go: OCDBT collects keys and appends big values to one data file. A chunk is
 * bytes `[start, start + length)` of a tensor (Orbax's chunks are contiguous: `chunkShapeFor`
 * splits the leading axis first), streamed block by block.
 */
interface Sink {
  put(key: string, value: Uint8Array): Promise<void>;
  putTensor(key: string, t: Tensor, start: number, length: number): Promise<void>;
  finish(): Promise<void>;
  /** Closes what is open after a failure (finish closes it otherwise). */
  abort(): Promise<void>;
}

function rangeBytes(t: Tensor, start: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  t.readBytes(start, out);
  return out;
}

async function ocdbtSink(dir: string, blockBytes: number | undefined): Promise<Sink> {
  const dataRel = `d/${randomBytes(16).toString('hex')}`;
  await mkdir(join(dir, 'd'));
  const h = await open(join(dir, dataRel), 'wx');
  const out = new OutputStream(h, 0, blockBytes === undefined ? {} : { blockBytes });
  const entries: LeafEntry[] = [];
  let indirect = 0;
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await out.settle();
    await h.close();
  };
  const sink: Sink = {
    async put(key, value) {
      if (value.length <= MAX_INLINE) entries.push({ key: utf8.encode(key), inline: value.slice() });
      else {
        entries.push({ key: utf8.encode(key), offset: out.position, length: value.length });
        indirect += value.length;
        await out.bytes(value);
      }
    },
    async putTensor(key, t, start, length) {
      if (length <= MAX_INLINE) return sink.put(key, rangeBytes(t, start, length));
      entries.push({ key: utf8.encode(key), offset: out.position, length });
      indirect += length;
      await out.tensor(t, start, length);
    },
    async finish() {
      try {
        entries.sort((a, b) => Buffer.compare(a.key, b.key));
        let root: { offset: number; length: number } | undefined;
        if (entries.length > 0) {
          const node = encodeLeafNode(entries, dataRel);
          root = { offset: out.position, length: node.length };
          await out.bytes(node);
        }
        await out.end();
        await h.datasync();
        await writeFile(
          join(dir, 'manifest.ocdbt'),
          encodeManifest({
            dataFile: dataRel,
            ...(root ? { root } : {}),
            numKeys: entries.length,
            indirectBytes: indirect,
            commitTimeNs: BigInt(Date.now()) * 1_000_000n,
            uuid: randomBytes(16),
          }),
        );
      } finally {
        await close();
      }
    },
    abort: close,
  };
  return sink;
}

function filesSink(dir: string, blockBytes: number | undefined): Sink {
  return {
    put: (key, value) => writeFile(join(dir, ...key.split('/')), value),
    async putTensor(key, t, start, length) {
      const path = join(dir, ...key.split('/'));
      await mkdir(dirname(path), { recursive: true });
      const h = await open(path, 'wx');
      const out = new OutputStream(h, length, blockBytes === undefined ? {} : { blockBytes });
      try {
        await out.tensor(t, start, length);
        await out.end();
        await h.datasync();
      } finally {
        await out.settle();
        await h.close();
      }
    },
    finish: async () => undefined,
    abort: async () => undefined,
  };
}

/**
 * Writes a tree as an Orbax PyTree checkpoint directory that `ocp.StandardCheckpointer().restore`
 * and `ocp.PyTreeCheckpointer().restore` read (with or without a target): `_METADATA`, `_sharding`,
 * `_CHECKPOINT_METADATA`, and the arrays as uncompressed zarr v2 in one OCDBT database (Orbax's
 * default layout) or as plain files. Arrays are written one at a time, each chunk streamed block by block:
 * a lazy tensor (from `lazyTree()` of an open checkpoint) is read and transformed one block at a
 * time, so memory stays near two blocks whatever the model's size. The directory is built under a temporary name beside
 * `path` and renamed into place at the end; on any failure nothing is left behind.
 *
 * @throws {InteropError} E_INVALID_ARGUMENT for values Orbax cannot hold or a lazy leaf without a
 *   source; E_OUTPUT_IS_INPUT; E_IO when `path` exists (without `overwrite`) or the file system fails.
 * @example
 * ```ts
 * await saveOrbaxCheckpoint('/tmp/ckpt', { layers: [{ kernel: { value: w } }] });
 * ```
 */
export async function saveOrbaxCheckpoint(path: string, tree: MsgpackInput, options: SaveOrbaxOptions = {}): Promise<void> {
  const target = resolve(path);
  const ocdbt = (options.layout ?? 'ocdbt') === 'ocdbt';
  const arrayType = options.arrayType ?? 'jax.Array';
  const leaves = flattenOrbaxInput(tree);
  await assertNotInput(target, options.inputs ?? []);
  const exists = await stat(target).then(
    () => true,
    () => false,
  );
  if (exists && !options.overwrite) {
    throw formatError('E_IO', `${path} already exists`, { path, fix: 'Choose a new directory or pass overwrite: true' });
  }
  const temp = join(dirname(target), `${basename(target)}.orbax-checkpoint-tmp-${Date.now()}${randomBytes(3).readUIntBE(0, 3)}`);
  let sink: Sink | undefined;
  try {
    await mkdir(temp);
    sink = ocdbt ? await ocdbtSink(temp, options.blockBytes) : filesSink(temp, options.blockBytes);
    const total = leaves.reduce((s, l) => s + (l.array ? l.array.shape.reduce((a, b) => a * b, DTYPES[l.array.dtype].itemSize) : 0), 0);
    let done = 0;
    const strings: Record<string, string> = {};
    for (const leaf of leaves) {
      const name = leaf.keys.join('.');
      if (leaf.kind === 'string') strings[name] = leaf.text!;
      if (!leaf.array) continue;
      const a = leaf.array;
      let t: Tensor;
      if (a instanceof Tensor) t = a;
      else if (options.source?.tensor) t = options.source.tensor(a);
      else if (options.source) t = await options.source.load(a);
      else
        throw formatError('E_INVALID_ARGUMENT', 'The tree holds a LazyArray but no source was given', {
          path: leaf.keys.join('/'),
          fix: 'Pass options.source',
        });
      const item = DTYPES[t.dtype].itemSize;
      const chunks = chunkShapeFor(t.shape, t.dtype, options.maxChunkBytes ?? 2 ** 30);
      await sink.put(`${name}/.zarray`, utf8.encode(zarrayJson(t.dtype, t.shape, chunks)));
      const chunkBytes = chunks.reduce((x, y) => x * y, item);
      const grid = t.shape.map((s, d) => s / chunks[d]!);
      const strides = t.shape.map((_, d) => t.shape.slice(d + 1).reduce((x, y) => x * y, item));
      for (const idx of gridIndices(grid)) {
        const key = `${name}/${idx.length === 0 ? '0' : idx.join('.')}`;
        const start = idx.reduce((at, x, d) => at + x * chunks[d]! * strides[d]!, 0);
        await sink.putTensor(key, t, start, chunkBytes);
      }
      done += t.byteLength;
      options.onProgress?.({ done, total });
    }
    await sink.finish();
    await writeFile(join(temp, '_METADATA'), metadataJson(leaves, { ocdbt, arrayType }));
    if (Object.keys(strings).length > 0) await writeFile(join(temp, '_strings.json'), JSON.stringify(strings));
    if (arrayType === 'jax.Array') {
      const names = leaves
        .filter((l) => l.kind === 'array' && arrayValueType(l.array!.dtype, arrayType) === 'jax.Array')
        .map((l) => l.keys.join('.'));
      await writeFile(join(temp, '_sharding'), shardingJson(names, options.device));
    }
    const now = BigInt(Date.now()) * 1_000_000n;
    await writeFile(
      join(temp, '_CHECKPOINT_METADATA'),
      `{"item_handlers": "orbax.checkpoint._src.handlers.standard_checkpoint_handler.StandardCheckpointHandler", "metrics": {}, "performance_metrics": {}, "init_timestamp_nsecs": ${now}, "commit_timestamp_nsecs": ${now}, "custom_metadata": {}}`,
    );
    if (exists) {
      const old = `${temp}-old`;
      await rename(target, old);
      await rename(temp, target);
      await rm(old, { recursive: true, force: true });
    } else await rename(temp, target);
  } catch (e) {
    // Note: the data file's handle must be closed here, or Node 24 warns (DEP0137) when it is collected.
    await sink?.abort().catch(() => undefined);
    await rm(temp, { recursive: true, force: true }).catch(() => undefined);
    if (e instanceof Error && 'code' in e && typeof e.code === 'string' && !e.code.startsWith('E_')) {
      throw formatError('E_IO', `Writing ${path} failed: ${e.message}`, { path, cause: e });
    }
    throw e;
  }
}
