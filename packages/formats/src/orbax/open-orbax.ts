import { realpath } from 'node:fs/promises';
import { formatError } from '../errors.js';
import { resolveLimits } from '../limits.js';
import type { ReadLimits } from '../limits.js';
import { openFlaxMsgpack } from '../msgpack/flax-file.js';
import type { FlaxMsgpackFile } from '../msgpack/flax-file.js';
import type { MsgpackValue } from '../msgpack/values.js';
import { buildTree } from './build-tree.js';
import { ChunkCache } from './chunk-cache.js';
import { FilePool } from './file-pool.js';
import { FileStore } from './file-store.js';
import type { KvStore } from './kv-store.js';
import { resolveOrbaxItem } from './layout.js';
import type { OrbaxSelectOptions } from './layout.js';
import { openOcdbtStore } from './ocdbt-store.js';
import type { OcdbtStore } from './ocdbt-store.js';
import { OrbaxCheckpoint } from './orbax-checkpoint.js';
import type { OrbaxLayout } from './orbax-checkpoint.js';
import { OrbaxArray } from './orbax-leaf.js';
import { resolveInside } from './safe-path.js';
import { SyncFiles } from './sync-files.js';
import { fileValues, ocdbtValues } from './sync-values.js';
import { parseTreeMetadata } from './tree-metadata.js';
import type { TreeLeafMeta } from './tree-metadata.js';
import { parseZarrMetadata } from './zarr-metadata.js';

/** Options of {@link openOrbaxCheckpoint}. */
export interface OpenOrbaxOptions extends OrbaxSelectOptions {
  /** Size, count and depth bounds; see {@link ReadLimits}. */
  limits?: Partial<ReadLimits>;
  /**
   * The most decoded chunk bytes kept between the reads of lazy tensors ({@link
   * OrbaxCheckpoint.tensor}, {@link OrbaxCheckpoint.lazyTree}); a chunk larger than this is read
   * in ranges instead of decoded whole. @default 16 MiB (one 2048x2048 float32 kernel)
   */
  chunkCacheBytes?: number;
}

const PLACEHOLDER = 'PLACEHOLDER://';
const EMPTY: Record<string, () => MsgpackValue> = {
  Dict: () => new Map(),
  NamedTuple: () => new Map(),
  List: () => [],
  Tuple: () => [],
  None: () => null,
};

async function zarrLeaf(
  store: KvStore,
  name: string,
  path: string,
  kind: 'ndarray' | 'npscalar',
  zarr: 2 | 3,
  limits: ReadLimits,
): Promise<OrbaxArray> {
  const key = `${name}/${zarr === 2 ? '.zarray' : 'zarr.json'}`;
  const bytes = await store.get(key, limits.maxHeaderBytes);
  if (!bytes) throw formatError('E_FORMAT_CORRUPT', `The array ${name} has no ${key}`, { path, expected: key });
  const meta = parseZarrMetadata(bytes, zarr, name, limits);
  return new OrbaxArray(meta.dtype, meta.shape, kind, path, name, meta);
}

async function readJson(pool: FilePool, rel: string, limits: ReadLimits): Promise<unknown> {
  const bytes = await pool.readOnce(rel, limits.maxHeaderBytes);
  if (!bytes) return undefined;
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (e) {
    throw formatError('E_FORMAT_CORRUPT', `${rel} is not JSON`, { path: rel, cause: e });
  }
}

async function treeFromMetadata(
  leaves: TreeLeafMeta[],
  store: KvStore,
  pool: FilePool,
  zarr: 2 | 3,
  limits: ReadLimits,
): Promise<MsgpackValue> {
  const strings = await readJson(pool, '_strings.json', limits);
  const values = new Map<TreeLeafMeta, MsgpackValue>();
  for (const leaf of leaves) {
    const path = leaf.keys.join('/');
    const t = leaf.valueType;
    if (t === 'string') {
      const s = typeof strings === 'object' && strings !== null ? (strings as Record<string, unknown>)[leaf.name] : undefined;
      if (typeof s !== 'string' || !Object.prototype.hasOwnProperty.call(strings, leaf.name)) {
        throw formatError('E_FORMAT_CORRUPT', `The string ${leaf.name} is missing from _strings.json`, { path });
      }
      values.set(leaf, s);
    } else if (Object.prototype.hasOwnProperty.call(EMPTY, t)) values.set(leaf, EMPTY[t]!());
    else if (leaf.skipDeserialize) {
      throw formatError('E_FORMAT_CORRUPT', `The value of ${leaf.name} is in a legacy "checkpoint" msgpack file, which is missing`, {
        path,
      });
    } else if (t === 'scalar') values.set(leaf, await zarrLeaf(store, leaf.name, path, 'npscalar', zarr, limits));
    else if (/array|ndarray/i.test(t)) values.set(leaf, await zarrLeaf(store, leaf.name, path, 'ndarray', zarr, limits));
    else throw formatError('E_FORMAT_CORRUPT', `Unknown _METADATA value_type "${t.slice(0, 40)}"`, { path });
  }
  return buildTree(leaves, (leaf) => values.get(leaf)!);
}

async function replacePlaceholders(
  tree: MsgpackValue,
  store: KvStore,
  zarr: 2 | 3,
  limits: ReadLimits,
  keys: string[] = [],
): Promise<MsgpackValue> {
  if (typeof tree === 'string' && tree.startsWith(PLACEHOLDER)) {
    return zarrLeaf(store, tree.slice(PLACEHOLDER.length), keys.join('/'), 'ndarray', zarr, limits);
  }
  if (tree instanceof Map) {
    const out = new Map<string, MsgpackValue>();
    for (const [k, v] of tree) out.set(k, await replacePlaceholders(v, store, zarr, limits, [...keys, k]));
    return out;
  }
  if (Array.isArray(tree)) {
    const out: MsgpackValue[] = [];
    for (let i = 0; i < tree.length; i++) out.push(await replacePlaceholders(tree[i]!, store, zarr, limits, [...keys, String(i)]));
    return out;
  }
  return tree;
}

/**
 * Opens an Orbax checkpoint for lazy reading: an item directory (`_METADATA` + OCDBT or plain
 * zarr files, zarr v2 or v3), a `CheckpointManager` root or step directory (`options.step`,
 * default the latest; `options.item`, default `state`, `default` or the only one), an Orbax <= 0.5
 * directory with a `checkpoint` msgpack file, or a legacy Flax `checkpoint_N` msgpack file. Only
 * the structure and the small zarr metadata are read here; arrays are read when loaded. No file
 * outside the checkpoint directory is ever read.
 *
 * @throws {InteropError} E_FORMAT_MAGIC when the path is no checkpoint; E_FORMAT_MISMATCH for a
 *   missing step or item; E_FORMAT_* for malformed metadata, manifests or nodes; E_IO.
 * @example
 * ```ts
 * const ckpt = await openOrbaxCheckpoint('/tmp/ckpt', { step: 2 });
 * const tree = await ckpt.loadTree();
 * await ckpt.close();
 * ```
 */
export async function openOrbaxCheckpoint(path: string, options: OpenOrbaxOptions = {}): Promise<OrbaxCheckpoint> {
  const limits = resolveLimits(options.limits);
  const resolved = await resolveOrbaxItem(path, options);
  const picked = {
    ...(resolved.step !== undefined ? { step: resolved.step } : {}),
    ...(resolved.item !== undefined ? { item: resolved.item } : {}),
  };
  if (resolved.kind === 'msgpack') {
    const file = await openFlaxMsgpack(resolved.path, { limits });
    return new OrbaxCheckpoint(
      path,
      file.tree,
      { format: 'flax-msgpack', ocdbt: false, path: resolved.path, ...picked },
      { msgpack: file, limits },
    );
  }
  const pool = new FilePool(await realpath(resolved.path));
  let msgpack: FlaxMsgpackFile | undefined;
  try {
    const metaBytes = await pool.readOnce('_METADATA', limits.maxHeaderBytes);
    const meta = metaBytes ? parseTreeMetadata(metaBytes, limits) : undefined;
    const ocdbt = await pool.exists('manifest.ocdbt');
    const store: KvStore = ocdbt ? await openOcdbtStore(pool, 'manifest.ocdbt', limits) : new FileStore(pool, '');
    const zarr = meta?.useZarr3 ? 3 : 2;
    const legacy = (await pool.exists('checkpoint')) ? await resolveInside(pool.root, 'checkpoint') : undefined;
    let tree: MsgpackValue;
    if (legacy !== undefined) {
      msgpack = await openFlaxMsgpack(legacy, { limits });
      tree = await replacePlaceholders(msgpack.tree, store, zarr, limits);
    } else if (meta) {
      tree = await treeFromMetadata(meta.leaves, store, pool, zarr, limits);
    } else {
      throw formatError('E_FORMAT_MAGIC', 'Not an Orbax checkpoint: no _METADATA and no checkpoint msgpack file', { path: resolved.path });
    }
    const layout: OrbaxLayout = { format: legacy !== undefined ? 'orbax-msgpack' : 'orbax', ocdbt, zarr, path: resolved.path, ...picked };
    const files = new SyncFiles(pool.root);
    const values = store.kind === 'ocdbt' ? ocdbtValues((store as OcdbtStore).entries, files) : fileValues(files, '');
    const cache = new ChunkCache(Math.max(0, options.chunkCacheBytes ?? 1 << 24));
    const lazy = { files, values, cache, limits };
    return new OrbaxCheckpoint(path, tree, layout, { store, pool, ...(msgpack ? { msgpack } : {}), limits, lazy });
  } catch (e) {
    await pool.close();
    await msgpack?.close();
    throw e;
  }
}
