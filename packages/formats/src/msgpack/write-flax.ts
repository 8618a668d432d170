import type { FileHandle } from 'node:fs/promises';
import { formatError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import type { AtomicWriteOptions } from '../io/atomic-write.js';
import type { ProgressCallback } from '../io/progress.js';
import type { ByteSource } from './byte-source.js';
import { encodeFlaxParts } from './encode-tree.js';
import type { EncodeFlaxOptions, EncodedPart, LazySlice } from './encode-tree.js';
import { FlaxMsgpackFile, readRangeInto, sliceRanges } from './flax-file.js';
import type { MsgpackInput } from './values.js';

/** Options of {@link writeFlaxMsgpack}. */
export interface WriteFlaxOptions extends EncodeFlaxOptions {
  /** Where the data of `LazyArray` leaves comes from (the source they were scanned from). */
  source?: ByteSource;
}

/** Options of {@link saveFlaxMsgpack}. */
export interface SaveFlaxOptions extends EncodeFlaxOptions, AtomicWriteOptions {
  /** The opened file whose `LazyArray` leaves the tree holds; its data is streamed across. */
  source?: FlaxMsgpackFile;
  /** Called as bytes are written. */
  onProgress?: ProgressCallback;
}

function partLength(p: EncodedPart): number {
  return p instanceof Uint8Array ? p.length : p.byteLength;
}

function noSource(p: LazySlice): never {
  throw formatError('E_INVALID_ARGUMENT', 'The tree holds a LazyArray but no source was given', {
    path: p.array.path, fix: 'Pass the file or byte source it was scanned from as options.source',
  });
}

/**
 * Encodes a tree as Flax msgpack bytes, identical to `flax.serialization.to_bytes` of the same
 * tree (keys in the given order, header widths as msgpack-python picks them, `number` as float64,
 * `bigint` as int, number keys as strings, arrays over 2^30 bytes chunked).
 *
 * @throws {InteropError} E_INVALID_ARGUMENT for values msgpack cannot hold or a `LazyArray`
 *   without `options.source`; E_FORMAT_DUPLICATE_KEY.
 * @example
 * ```ts
 * const bytes = writeFlaxMsgpack(new Map([['params', new Map([['w', tensor]])]]));
 * ```
 */
export function writeFlaxMsgpack(tree: MsgpackInput, options: WriteFlaxOptions = {}): Uint8Array {
  const parts = encodeFlaxParts(tree, options);
  const out = new Uint8Array(parts.reduce((s, p) => s + partLength(p), 0));
  let at = 0;
  for (const p of parts) {
    if (p instanceof Uint8Array) out.set(p, at);
    else {
      const src = options.source ?? noSource(p);
      let k = at;
      for (const r of sliceRanges(p.array, p.start, p.byteLength)) {
        out.set(src.read(r.offset, r.byteLength), k);
        k += r.byteLength;
      }
    }
    at += partLength(p);
  }
  return out;
}

async function writeAll(h: FileHandle, bytes: Uint8Array): Promise<void> {
  let done = 0;
  while (done < bytes.length) done += (await h.write(bytes, done, bytes.length - done)).bytesWritten;
}

/**
 * Writes a tree as a Flax msgpack file, atomically (temporary file, then rename), streaming array
 * data so memory stays small, including `LazyArray` data copied from `options.source`.
 *
 * @throws {InteropError} E_OUTPUT_IS_INPUT when `path` is the source file or an input; E_IO; the
 *   codes of {@link writeFlaxMsgpack}.
 * @example
 * ```ts
 * const file = await openFlaxMsgpack('in.msgpack');
 * await saveFlaxMsgpack('out.msgpack', file.tree, { source: file });
 * ```
 */
export async function saveFlaxMsgpack(path: string, tree: MsgpackInput, options: SaveFlaxOptions = {}): Promise<void> {
  const parts = encodeFlaxParts(tree, options);
  const total = parts.reduce((s, p) => s + partLength(p), 0);
  const inputs = [...(options.inputs ?? []), ...(options.source ? [options.source.path] : [])];
  await writeFileAtomic(path, async (h) => {
    const pending = new Uint8Array(1 << 22);
    let fill = 0;
    let done = 0;
    let copy: Uint8Array | undefined;
    const flush = async (): Promise<void> => {
      await writeAll(h, pending.subarray(0, fill));
      fill = 0;
    };
    for (const p of parts) {
      if (p instanceof Uint8Array && p.length <= pending.length - fill) {
        pending.set(p, fill);
        fill += p.length;
      } else if (p instanceof Uint8Array) {
        await flush();
        await writeAll(h, p);
      } else {
        await flush();
        const source = options.source ?? noSource(p);
        for (const r of sliceRanges(p.array, p.start, p.byteLength)) {
          for (let off = 0; off < r.byteLength; off += 1 << 24) {
            const n = Math.min(1 << 24, r.byteLength - off);
            copy ??= new Uint8Array(1 << 24);
            await readRangeInto(source.handle, { offset: r.offset + off, byteLength: n }, copy);
            await writeAll(h, copy.subarray(0, n));
            options.onProgress?.({ done: done + off + n, total });
          }
        }
      }
      done += partLength(p);
      if (!(p instanceof Uint8Array) || p.length > 1 << 20) options.onProgress?.({ done, total });
    }
    await flush();
    options.onProgress?.({ done: total, total });
  }, { inputs, fsync: options.fsync });
}
