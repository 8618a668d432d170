import { crc32c } from './crc32c.js';

/** Growable byte buffer for encoding OCDBT objects. */
export class ByteWriter {
  private buf = new Uint8Array(256);
  /** Bytes written so far. */
  length = 0;

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  /** Appends bytes. */
  bytes(b: Uint8Array): this {
    this.room(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
    return this;
  }

  /** Appends one byte. */
  u8(v: number): this {
    return this.bytes(Uint8Array.of(v));
  }

  /** Appends an unsigned LEB128 varint. */
  varint(v: number | bigint): this {
    let x = BigInt(v);
    do {
      const low = Number(x & 0x7fn);
      x >>= 7n;
      this.u8(x > 0n ? low | 0x80 : low);
    } while (x > 0n);
    return this;
  }

  /** Appends a little-endian u64. */
  u64le(v: bigint): this {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, v, true);
    return this.bytes(b);
  }

  /** The bytes written. */
  finish(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

/**
 * Wraps a body in the OCDBT envelope, uncompressed: magic (big-endian), total length, version 0,
 * compression 0, body, CRC-32C of everything before it.
 *
 * @example
 * ```ts
 * const node = encodeEnvelope(OCDBT_MAGIC.btreeNode, body);
 * ```
 */
export function encodeEnvelope(magic: number, body: Uint8Array): Uint8Array {
  const total = 4 + 8 + 1 + 1 + body.length + 4;
  const out = new Uint8Array(total);
  new DataView(out.buffer).setUint32(0, magic, false);
  new DataView(out.buffer).setBigUint64(4, BigInt(total), true);
  out[12] = 0;
  out[13] = 0;
  out.set(body, 14);
  new DataView(out.buffer).setUint32(total - 4, crc32c(out.subarray(0, total - 4)), true);
  return out;
}

/** A leaf entry to encode: the key, and its value inline or at a byte range of the one data file. */
export type LeafEntry = { key: Uint8Array; inline: Uint8Array } | { key: Uint8Array; offset: number; length: number };

function sharedPrefix(a: Uint8Array, b: Uint8Array): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/**
 * Encodes a leaf B+tree node (height 0) whose out-of-line values lie in one data file,
 * `dataFile` (a path relative to the database directory). Entries must be sorted by key.
 *
 * @example
 * ```ts
 * encodeLeafNode([{ key: utf8('a/.zarray'), inline: json }], 'd/0123abcd');
 * ```
 */
export function encodeLeafNode(entries: readonly LeafEntry[], dataFile: string): Uint8Array {
  const w = new ByteWriter().u8(0);
  const outOfLine = entries.filter((e) => !('inline' in e));
  if (outOfLine.length === 0) w.varint(0);
  else {
    const path = new TextEncoder().encode(dataFile);
    w.varint(1).varint(path.length).varint(0).bytes(path);
  }
  w.varint(entries.length);
  for (let i = 1; i < entries.length; i++) w.varint(sharedPrefix(entries[i - 1]!.key, entries[i]!.key));
  const prefix = entries.map((e, i) => (i === 0 ? 0 : sharedPrefix(entries[i - 1]!.key, e.key)));
  entries.forEach((e, i) => w.varint(e.key.length - prefix[i]!));
  entries.forEach((e, i) => w.bytes(e.key.subarray(prefix[i]!)));
  for (const e of entries) w.varint('inline' in e ? e.inline.length : e.length);
  for (const e of entries) w.u8('inline' in e ? 0 : 1);
  for (let i = 0; i < outOfLine.length; i++) w.varint(0);
  for (const e of outOfLine) w.varint((e as { offset: number }).offset);
  for (const e of entries) if ('inline' in e) w.bytes(e.inline);
  return encodeEnvelope(0x0cdb20de, w.finish());
}

/** The facts of the one version a written manifest holds. */
export interface ManifestVersion {
  /** The data file holding the root node (relative to the database directory). */
  dataFile: string;
  /** The root leaf node's range in it; absent for an empty database. */
  root?: { offset: number; length: number };
  /** Number of keys. */
  numKeys: number;
  /** Bytes of out-of-line values. */
  indirectBytes: number;
  /** Commit time in nanoseconds since the epoch. */
  commitTimeNs: bigint;
  /** 16 random bytes. */
  uuid: Uint8Array;
}

/**
 * Encodes a single-kind `manifest.ocdbt` with Orbax's config (inline values up to 1024 bytes,
 * 100 MB decoded nodes, version tree arity 2^4), no compression, and one version: generation 1,
 * a root leaf node (height 0).
 *
 * @example
 * ```ts
 * encodeManifest({ dataFile: 'd/0123', root: { offset: 0, length: 99 }, numKeys: 2, indirectBytes: 0, commitTimeNs: 0n, uuid });
 * ```
 */
export function encodeManifest(v: ManifestVersion): Uint8Array {
  const path = new TextEncoder().encode(v.dataFile);
  const w = new ByteWriter().bytes(v.uuid).u8(0).varint(1024).varint(100_000_000).u8(4).varint(0);
  w.varint(1).varint(path.length).varint(0).bytes(path);
  const none = 0xffffffffffffffffn;
  w.varint(1).varint(1).u8(0).varint(0);
  w.varint(v.root ? v.root.offset : none).varint(v.root ? v.root.length : none);
  w.varint(v.numKeys)
    .varint(v.root ? v.root.length : 0)
    .varint(v.indirectBytes)
    .u64le(v.commitTimeNs);
  w.varint(0);
  return encodeEnvelope(0x0cdb3a2a, w.finish());
}
