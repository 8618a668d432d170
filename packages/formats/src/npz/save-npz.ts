import type { Tensor } from '@interop/core';
import { deflateSync } from 'fflate';
import { crc32 } from 'node:zlib';
import { formatError } from '../errors.js';
import { writeStreamAtomic } from '../io/output-stream.js';
import type { OutputStream, StreamWriteOptions } from '../io/output-stream.js';
import { buildNpyHeader } from '../npy/header.js';
import type { WriteNpzOptions } from './npz.js';
import { LOCAL_CRC_OFFSET, centralDirectory, entryName, localHeader } from './zip-headers.js';
import type { ZipEntry } from './zip-headers.js';

/** Options of {@link saveNpz}. */
export interface SaveNpzOptions extends WriteNpzOptions, StreamWriteOptions {}

const ZIP32 = 0xffff_ffff;

function tooLarge(what: string, found: number): never {
  throw formatError('E_INVALID_ARGUMENT', `The archive is too large for a zip without zip64: ${what}`, {
    expected: `under ${ZIP32} bytes and 65535 entries`,
    found,
    fix: 'Write large checkpoints as safetensors or .npy files',
  });
}

async function storedEntry(out: OutputStream, e: ZipEntry, header: Uint8Array, t: Tensor): Promise<void> {
  await out.bytes(localHeader(e));
  let crc = crc32(header);
  await out.bytes(header);
  await out.tensor(t, 0, t.byteLength, (block) => {
    crc = crc32(block, crc);
  });
  e.crc = crc;
  const field = new Uint8Array(4);
  new DataView(field.buffer).setUint32(0, crc >>> 0, true);
  await out.patch(e.offset + LOCAL_CRC_OFFSET, field);
}

/**
 * Writes arrays as a `.npz` archive, the same bytes as {@link writeNpz}, streaming. Stored entries
 * (the default) go tensor by tensor, block by block, with each checksum filled into its header
 * afterwards; deflated entries (`compress: true`) are compressed one tensor at a time, and their
 * progress counts uncompressed bytes. Without zip64, entries and the archive stay under 4 GiB.
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
  const records = list.map(([name, t]) => ({ ...entryName(`${name}.npy`), t, header: buildNpyHeader(t.dtype, t.shape) }));
  const raw = records.map((r) => r.header.length + r.t.byteLength);
  const rawTotal = raw.reduce((a, b) => a + b, 0);
  const compress = options.compress === true;
  const total = compress ? rawTotal : records.reduce((n, r, i) => n + 76 + 2 * r.name.length + raw[i]!, 22);
  const streamOptions = compress ? { ...options, onProgress: undefined } : options;
  await writeStreamAtomic(path, total, streamOptions, async (out) => {
    const entries: ZipEntry[] = [];
    let rawDone = 0;
    for (const [i, r] of records.entries()) {
      const size = raw[i]!;
      if (size >= ZIP32) tooLarge(`${r.t.toString()} holds ${size} bytes`, size);
      if (out.position >= ZIP32) tooLarge('offset', out.position);
      const e: ZipEntry = {
        name: r.name,
        unicode: r.unicode,
        method: compress ? 8 : 0,
        crc: 0,
        compressedSize: size,
        size,
        offset: out.position,
      };
      entries.push(e);
      if (!compress) {
        await storedEntry(out, e, r.header, r.t);
        continue;
      }
      const npy = new Uint8Array(size);
      npy.set(r.header);
      r.t.readBytes(0, npy.subarray(r.header.length));
      const data = deflateSync(npy, { level: 6 });
      e.crc = crc32(npy);
      e.compressedSize = data.length;
      await out.bytes(localHeader(e));
      await out.bytes(data);
      rawDone += size;
      options.onProgress?.({ done: rawDone, total: rawTotal });
    }
    if (out.position >= ZIP32) tooLarge('central directory offset', out.position);
    await out.bytes(centralDirectory(entries, out.position));
  });
}
