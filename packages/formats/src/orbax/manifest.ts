import { formatError } from '../errors.js';
import type { ReadLimits } from '../limits.js';
import { ByteCursor, U64_MAX } from './byte-cursor.js';
import { readDataFileTable } from './data-file-table.js';
import type { DataFile } from './data-file-table.js';
import { OCDBT_MAGIC, openEnvelope } from './envelope.js';

/** Where an OCDBT node is: a byte range of a data file. */
export interface NodeRef {
  /** The data file. */
  file: DataFile;
  /** Byte offset in the file. */
  offset: number;
  /** Byte length. */
  length: number;
}

/** What a reader needs from `manifest.ocdbt`: the config and the newest version's root node. */
export interface OcdbtManifest {
  /** Values up to this size are stored inline in leaf nodes. */
  maxInlineValueBytes: number;
  /** The largest decoded node the writer allowed. */
  maxDecodedNodeBytes: number;
  /** Generation number of the newest version. */
  generation: number;
  /** The newest version's root node and its height; `undefined` for an empty database. */
  root?: NodeRef & { height: number };
  /** Data files the manifest names. */
  files: DataFile[];
}

function column<T>(n: number, read: () => T): T[] {
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(read());
  return out;
}

/**
 * Decodes a `manifest.ocdbt` file (single-file manifest kind, as Orbax writes) and returns the
 * newest version. Older versions and version-tree nodes are skipped, as a reader of the latest
 * state never needs them.
 *
 * @throws {InteropError} E_FORMAT_MAGIC, E_FORMAT_CORRUPT (bad envelope, CRC, layout, a reference
 *   outside the file table, trailing bytes), E_FORMAT_TRUNCATED, E_FORMAT_LIMIT.
 * @example
 * ```ts
 * const m = decodeManifest(await readFile('ckpt/manifest.ocdbt'), DEFAULT_LIMITS);
 * m.root?.file.path; // 'd/67a6cc1e976b39c225a30da6acd3cf66'
 * ```
 */
export function decodeManifest(bytes: Uint8Array, limits: ReadLimits): OcdbtManifest {
  const c = new ByteCursor(openEnvelope(bytes, OCDBT_MAGIC.manifest, limits.maxHeaderBytes), 'OCDBT manifest');
  c.take(16);
  const kind = c.u8();
  const maxInlineValueBytes = c.varint();
  const maxDecodedNodeBytes = c.varint();
  c.u8();
  const compression = c.varint();
  if (compression === 1) c.take(4);
  else if (compression !== 0) c.corrupt('unknown compression method');
  if (kind === 1) {
    throw formatError('E_FORMAT_CORRUPT', 'Numbered OCDBT manifests are not supported', {
      fix: 'Orbax writes single manifests; open a checkpoint written by Orbax',
    });
  }
  if (kind !== 0) c.corrupt('unknown manifest kind', { found: kind });
  const files = readDataFileTable(c, '', limits);
  const n = c.varint();
  if (n === 0) c.corrupt('the manifest holds no version');
  if (n > c.remaining) c.corrupt('the manifest claims more versions than it has bytes', { found: n });
  const generation = column(n, () => c.varint());
  const height = column(n, () => c.u8());
  const fileId = column(n, () => c.varint64());
  const offset = column(n, () => c.varint64());
  const length = column(n, () => c.varint64());
  column(n * 3, () => c.varint64());
  column(n, () => c.u64le());
  for (let i = 1; i < n; i++) if (generation[i]! <= generation[i - 1]!) c.corrupt('generation numbers do not increase');
  const m = c.varint();
  if (m > c.remaining) c.corrupt('the manifest claims more version nodes than it has bytes', { found: m });
  column(m * 5, () => c.varint64());
  column(m, () => c.u64le());
  column(m, () => c.u8());
  if (c.remaining !== 0) c.corrupt('bytes follow the version table', { found: c.remaining });
  const last = n - 1;
  const base = { maxInlineValueBytes, maxDecodedNodeBytes, generation: generation[last]!, files };
  if (offset[last] === U64_MAX && length[last] === U64_MAX) return base;
  const id = Number(fileId[last]!);
  if (fileId[last]! >= BigInt(files.length))
    c.corrupt('the root node names a data file the table lacks', { found: fileId[last]!.toString() });
  if (offset[last]! > BigInt(Number.MAX_SAFE_INTEGER) || length[last]! > BigInt(limits.maxHeaderBytes)) {
    throw formatError('E_FORMAT_LIMIT', 'The root node reference is absurdly large', { found: `${offset[last]}+${length[last]}` });
  }
  return { ...base, root: { file: files[id]!, offset: Number(offset[last]), length: Number(length[last]), height: height[last]! } };
}
