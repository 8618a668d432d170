import type { Tensor } from '@interop/core';
import { deflateSync } from 'fflate';
import { crc32 } from 'node:zlib';
import { ZIP32, appendStoredEntry, npzRecord, storedArchiveBytes } from '../codecs/npz-layout.js';
import { formatError } from '../errors.js';
import { writeStreamAtomic } from '../io/output-stream.js';
import type { StreamWriteOptions } from '../io/output-stream.js';
import type { WriteNpzOptions } from './npz.js';
import { centralDirectory, localHeader } from './zip-headers.js';
import type { ZipEntry } from './zip-headers.js';

/** Options of {@link saveNpz}. */
export interface SaveNpzOptions extends WriteNpzOptions, StreamWriteOptions {}

function tooLarge(what: string, found: number): never {
  throw formatError('E_INVALID_ARGUMENT', `The archive is too large for a zip without zip64: ${what}`, {
    expected: `under ${ZIP32} bytes and 65535 entries`,
    found,
    fix: 'Write large checkpoints as safetensors or .npy files',
  });
}

/**
 * Writes arrays as a `.npz` archive, the same bytes as {@link writeNpz}, streaming. Stored entries
 * (the default) go tensor by tensor, block by block, with each checksum filled into its header
 * afterwards, by the function `npzCodec.layout` writes them with; deflated entries
 * (`compress: true`) are compressed one tensor at a time, and their progress counts uncompressed
 * bytes. Without zip64, entries and the archive stay under 4 GiB.
 *
 * @throws {InteropError} E_INVALID_ARGUMENT when the archive needs zip64; E_OUTPUT_IS_INPUT; E_IO;
 *   what reading a lazy tensor's source throws (no output and no temporary file are left behind).
 * @example
 * ```ts
 * await saveNpz('weights.npz', new Map([['w', w], ['b', b]]));
 * ```
 */
export async function saveNpz(
  path: string,
  arrays: ReadonlyMap<string, Tensor> | Readonly<Record<string, Tensor>>,
  options: SaveNpzOptions = {},
): Promise<void> {
  const list = arrays instanceof Map ? [...arrays.entries()] : Object.entries(arrays);
  if (list.length > 0xffff) tooLarge('entries', list.length);
  const records = list.map(([name, t]) => npzRecord(name, t));
  const raw = records.map((r) => r.header.length + r.t.byteLength);
  const rawTotal = raw.reduce((a, b) => a + b, 0);
  const compress = options.compress === true;
  const total = compress ? rawTotal : storedArchiveBytes(records);
  const streamOptions = compress ? { ...options, onProgress: undefined } : options;
  await writeStreamAtomic(path, total, streamOptions, async (out) => {
    const entries: ZipEntry[] = [];
    let rawDone = 0;
    for (const [i, r] of records.entries()) {
      const size = raw[i]!;
      if (size >= ZIP32) tooLarge(`${r.t.toString()} holds ${size} bytes`, size);
      if (out.position >= ZIP32) tooLarge('offset', out.position);
      if (!compress) {
        entries.push(await appendStoredEntry(out, r));
        continue;
      }
      const npy = new Uint8Array(size);
      npy.set(r.header);
      r.t.readBytes(0, npy.subarray(r.header.length));
      const data = deflateSync(npy, { level: 6 });
      const e: ZipEntry = {
        name: r.name,
        unicode: r.unicode,
        method: 8,
        crc: crc32(npy),
        compressedSize: data.length,
        size,
        offset: out.position,
      };
      entries.push(e);
      await out.bytes(localHeader(e));
      await out.bytes(data);
      rawDone += size;
      options.onProgress?.({ done: rawDone, total: rawTotal });
    }
    if (out.position >= ZIP32) tooLarge('central directory offset', out.position);
    await out.bytes(centralDirectory(entries, out.position));
  });
}
