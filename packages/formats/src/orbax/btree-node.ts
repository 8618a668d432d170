import { formatError } from '../errors.js';
import type { ReadLimits } from '../limits.js';
import { ByteCursor } from './byte-cursor.js';
import { readDataFileTable } from './data-file-table.js';
import type { DataFile } from './data-file-table.js';
import { OCDBT_MAGIC, openEnvelope } from './envelope.js';
import type { NodeRef } from './manifest.js';

/** A value in a leaf node: inline bytes, or a byte range of a data file. */
export type OcdbtValue = { inline: Uint8Array } | { file: DataFile; offset: number; length: number };

/** A decoded leaf node (height 0): keys relative to the node's prefix, with their values. */
export interface LeafNode {
  /** 0. */
  height: 0;
  /** Keys, strictly increasing, relative to the prefix the parent passed down. */
  keys: Uint8Array[];
  /** The value of each key. */
  values: OcdbtValue[];
}

/** A decoded interior node: each child with the key prefix it adds. */
export interface InteriorNode {
  /** Height above the leaves (> 0). */
  height: number;
  /** First key of each child's range, relative to the node's prefix. */
  keys: Uint8Array[];
  /** How many bytes of each key every key in that child shares (added to the child's prefix). */
  commonPrefix: number[];
  /** Where each child is. */
  children: NodeRef[];
}

function compare(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

function readKeys(c: ByteCursor, n: number, interior: boolean): { keys: Uint8Array[]; common: number[] } {
  const prefix = [0];
  for (let i = 1; i < n; i++) prefix.push(c.varint());
  const suffix: number[] = [];
  for (let i = 0; i < n; i++) suffix.push(c.varint());
  const common: number[] = [];
  if (interior) for (let i = 0; i < n; i++) common.push(c.varint());
  const keys: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    const prev = keys[i - 1] ?? new Uint8Array(0);
    if (prefix[i]! > prev.length) c.corrupt('a key shares more bytes than its predecessor has');
    const tail = c.take(suffix[i]!);
    const key = new Uint8Array(prefix[i]! + tail.length);
    key.set(prev.subarray(0, prefix[i]!));
    key.set(tail, prefix[i]!);
    if (i > 0 && compare(prev, key) >= 0) c.corrupt('keys are not strictly increasing');
    if (interior && common[i]! > key.length) c.corrupt('a common prefix is longer than its key');
    keys.push(key);
  }
  return { keys, common };
}

/**
 * Decodes an OCDBT B+tree node (envelope, height, data file table, keys, then leaf values or
 * child references). `transitive` is the base path of the data file the node was read from.
 *
 * @throws {InteropError} E_FORMAT_MAGIC, E_FORMAT_CORRUPT (CRC, layout, unsorted keys, references
 *   to data files the table lacks, trailing bytes), E_FORMAT_TRUNCATED, E_FORMAT_LIMIT.
 * @example
 * ```ts
 * const node = decodeBtreeNode(bytes, '', DEFAULT_LIMITS);
 * if (node.height === 0) console.log(node.keys.length);
 * ```
 */
export function decodeBtreeNode(bytes: Uint8Array, transitive: string, limits: ReadLimits): LeafNode | InteriorNode {
  const c = new ByteCursor(openEnvelope(bytes, OCDBT_MAGIC.btreeNode, limits.maxHeaderBytes), 'OCDBT B+tree node');
  const height = c.u8();
  const files = readDataFileTable(c, transitive, limits);
  const n = c.varint();
  if (n === 0) c.corrupt('a node has no entries');
  if (n > c.remaining || n > limits.maxEntries) {
    throw formatError('E_FORMAT_LIMIT', `A B+tree node claims ${n} entries`, {
      offset: c.pos,
      expected: `at most ${Math.min(c.remaining, limits.maxEntries)}`,
    });
  }
  const { keys, common } = readKeys(c, n, height > 0);
  const fileAt = (): DataFile => {
    const id = c.varint();
    if (id >= files.length) c.corrupt('a reference names a data file the table lacks', { expected: `< ${files.length}`, found: id });
    return files[id]!;
  };
  if (height === 0) {
    const lengths: number[] = [];
    for (let i = 0; i < n; i++) lengths.push(c.varint());
    const kinds: number[] = [];
    for (let i = 0; i < n; i++) {
      const k = c.u8();
      if (k > 1) c.corrupt('unknown value kind', { found: k });
      kinds.push(k);
    }
    const outOfLine = kinds.filter((k) => k === 1).length;
    const ids: DataFile[] = [];
    for (let i = 0; i < outOfLine; i++) ids.push(fileAt());
    const offsets: number[] = [];
    for (let i = 0; i < outOfLine; i++) offsets.push(c.varint());
    const values: OcdbtValue[] = [];
    let o = 0;
    for (let i = 0; i < n; i++) {
      if (kinds[i] === 1) {
        values.push({ file: ids[o]!, offset: offsets[o]!, length: lengths[i]! });
        o++;
      } else values.push({ inline: c.take(lengths[i]!) });
    }
    if (c.remaining !== 0) c.corrupt('bytes follow the last value', { found: c.remaining });
    return { height: 0, keys, values };
  }
  const ids: DataFile[] = [];
  for (let i = 0; i < n; i++) ids.push(fileAt());
  const offsets: number[] = [];
  for (let i = 0; i < n; i++) offsets.push(c.varint());
  const lengths: number[] = [];
  for (let i = 0; i < n; i++) lengths.push(c.varint());
  for (let i = 0; i < 3 * n; i++) c.varint64();
  if (c.remaining !== 0) c.corrupt('bytes follow the last child', { found: c.remaining });
  const children = ids.map((file, i) => ({ file, offset: offsets[i]!, length: lengths[i]! }));
  return { height, keys, commonPrefix: common, children };
}
