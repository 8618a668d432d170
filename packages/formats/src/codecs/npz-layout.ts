import type { FileLayout, Tensor } from '@interop/core';
import { crc32 } from 'node:zlib';
import { formatError } from '../errors.js';
import { buildNpyHeader } from '../npy/header.js';
import { LOCAL_CRC_OFFSET, centralDirectory, entryName, localHeader } from '../npz/zip-headers.js';
import type { ZipEntry } from '../npz/zip-headers.js';

const ZIP32 = 0xffff_ffff;

/**
 * A `.npz` archive of stored (uncompressed) entries laid out from shapes, as `writeNpz` writes it
 * by default: each local header, the npy record block by block with its CRC filled into the
 * header afterwards, then the central directory. No zip64, as `writeNpz`.
 *
 * @throws {InteropError} E_INVALID_ARGUMENT when the archive would need zip64.
 */
export function npzLayout(arrays: ReadonlyMap<string, Tensor>): FileLayout {
  const records = [...arrays].map(([name, t]) => ({
    ...entryName(`${name}.npy`),
    label: name,
    t,
    header: buildNpyHeader(t.dtype, t.shape),
  }));
  const byteLength = records.reduce((n, r) => n + 76 + 2 * r.name.length + r.header.length + r.t.byteLength, 22);
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
      for (const r of records) {
        const size = r.header.length + r.t.byteLength;
        const e: ZipEntry = { name: r.name, unicode: r.unicode, method: 0, crc: 0, compressedSize: size, size, offset: sink.position };
        entries.push(e);
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
      }
      await sink.bytes(centralDirectory(entries, sink.position));
    },
  };
}
