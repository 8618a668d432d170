import type { FileLayout, Tensor, TensorSink } from '@interop/core';
import { crc32 } from 'node:zlib';
import { formatError } from '../errors.js';
import { buildNpyHeader } from '../npy/header.js';
import { LOCAL_CRC_OFFSET, centralDirectory, entryName, localHeader } from '../npz/zip-headers.js';
import type { ZipEntry } from '../npz/zip-headers.js';

/** The largest size or offset a zip without zip64 can record, plus one. */
export const ZIP32 = 0xffff_ffff;

/** One array of an archive: `NAME.npy` as zip name bytes (and the UTF-8 flag), its npy header and data. */
export interface NpzRecord {
  /** The array's name, without `.npy`. */
  label: string;
  /** UTF-8 bytes of `label.npy`. */
  name: Uint8Array;
  /** True when the name is not plain ASCII (the zip UTF-8 flag). */
  unicode: boolean;
  /** The npy header of the entry's record. */
  header: Uint8Array;
  /** The array, C-order data after the header. */
  t: Tensor;
}

/** The record of array `label` (entry `label.npy`); its header comes from the shape, no data is read. */
export const npzRecord = (label: string, t: Tensor): NpzRecord => ({
  ...entryName(`${label}.npy`),
  label,
  t,
  header: buildNpyHeader(t.dtype, t.shape),
});

/** Size of an archive of `records` as stored entries: local headers, data, central directory and its end. */
export const storedArchiveBytes = (records: readonly NpzRecord[]): number =>
  records.reduce((n, r) => n + 76 + 2 * r.name.length + r.header.length + r.t.byteLength, 22);

/**
 * Appends a stored (uncompressed) entry at the sink's position: its local header, the npy record
 * block by block, then the CRC, known only now, patched into the local header.
 *
 * @returns The entry, for the central directory.
 */
export async function appendStoredEntry(sink: TensorSink, r: NpzRecord): Promise<ZipEntry> {
  const size = r.header.length + r.t.byteLength;
  const e: ZipEntry = { name: r.name, unicode: r.unicode, method: 0, crc: 0, compressedSize: size, size, offset: sink.position };
  await sink.bytes(localHeader(e));
  let crc = crc32(r.header);
  await sink.bytes(r.header);
  await sink.tensor(r.t, 0, r.t.byteLength, (block) => {
    crc = crc32(block, crc);
  });
  e.crc = crc;
  const field = new Uint8Array(4);
  new DataView(field.buffer).setUint32(0, crc >>> 0, true);
  await sink.patch(e.offset + LOCAL_CRC_OFFSET, field);
  return e;
}

/**
 * A `.npz` archive of stored (uncompressed) entries laid out from shapes, as `writeNpz` writes it
 * by default: each entry as {@link appendStoredEntry} writes it, then the central directory. No
 * zip64, as `writeNpz`.
 *
 * @throws {InteropError} E_INVALID_ARGUMENT when the archive would need zip64.
 */
export function npzLayout(arrays: ReadonlyMap<string, Tensor>): FileLayout {
  const records = [...arrays].map(([name, t]) => npzRecord(name, t));
  const byteLength = storedArchiveBytes(records);
  if (records.length > 0xffff || byteLength >= ZIP32) {
    throw formatError('E_INVALID_ARGUMENT', 'The archive is too large for a zip without zip64', {
      expected: `under ${ZIP32} bytes and 65535 entries`,
      found: records.length > 0xffff ? records.length : byteLength,
      fix: 'Write large checkpoints as safetensors or .npy files',
    });
  }
  return {
    byteLength,
    arrays: records.map((r) => ({ path: r.label, dtype: r.t.dtype, shape: [...r.t.shape], byteLength: r.t.byteLength })),
    async write(sink) {
      const entries: ZipEntry[] = [];
      for (const r of records) entries.push(await appendStoredEntry(sink, r));
      await sink.bytes(centralDirectory(entries, sink.position));
    },
  };
}
