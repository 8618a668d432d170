import { partsLength, writeMsgpackParts } from '../codecs/msgpack-layout.js';
import { formatError } from '../errors.js';
import { writeStreamAtomic } from '../io/output-stream.js';
import type { StreamWriteOptions } from '../io/output-stream.js';
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
export interface SaveFlaxOptions extends EncodeFlaxOptions, StreamWriteOptions {
  /** The opened file whose `LazyArray` leaves the tree holds; its data is streamed across. */
  source?: FlaxMsgpackFile;
}

function partLength(p: EncodedPart): number {
  return p instanceof Uint8Array ? p.length : p.byteLength;
}

function noSource(p: LazySlice): never {
  throw formatError('E_INVALID_ARGUMENT', 'The tree holds a LazyArray but no source was given', {
    path: p.array.path,
    fix: 'Pass the file or byte source it was scanned from as options.source',
  });
}

/**
 * Encodes a tree as Flax msgpack bytes, identical to `flax.serialization.to_bytes` of the same
 * tree (keys in the given order, header widths as msgpack-python picks them, `number` as float64,
 * `bigint` as int, number keys as strings, arrays over 2^30 bytes chunked). Lazy tensors are
 * computed into the output without being kept.
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
    else if ('tensor' in p) p.tensor.readBytes(p.start, out.subarray(at, at + p.byteLength));
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

/**
 * Writes a tree as a Flax msgpack file, the same bytes as {@link writeFlaxMsgpack}, streaming:
 * headers as they come, array data block by block (lazy tensors are read and transformed per
 * block, `LazyArray` data copied from `options.source`), through an atomic write (temporary file,
 * fsync, rename), so memory stays small whatever the file size. The parts are written by the
 * function `msgpackCodec.layout` writes with, so the two cannot drift.
 *
 * @throws {InteropError} E_OUTPUT_IS_INPUT when `path` is the source file or an input; E_IO; the
 *   codes of {@link writeFlaxMsgpack}; what reading a lazy tensor's source throws (no output and
 *   no temporary file are left behind).
 * @example
 * ```ts
 * const file = await openFlaxMsgpack('in.msgpack');
 * await saveFlaxMsgpack('out.msgpack', file.lazyTree(), { inputs: [file.path] });
 * ```
 */
export async function saveFlaxMsgpack(path: string, tree: MsgpackInput, options: SaveFlaxOptions = {}): Promise<void> {
  const parts = encodeFlaxParts(tree, options);
  const inputs = [...(options.inputs ?? []), ...(options.source ? [options.source.path] : [])];
  await writeStreamAtomic(path, partsLength(parts), { ...options, inputs }, (out) =>
    writeMsgpackParts(out, parts, async (sink, p) => {
      const source = options.source ?? noSource(p);
      for (const r of sliceRanges(p.array, p.start, p.byteLength)) {
        await sink.stream(r.byteLength, (off, target) =>
          readRangeInto(source.handle, { offset: r.offset + off, byteLength: target.length }, target),
        );
      }
    }),
  );
}
