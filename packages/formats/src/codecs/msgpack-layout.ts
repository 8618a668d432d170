import { Tensor } from '@interop/core';
import type { FileArray, FileLayout, TensorSink } from '@interop/core';
import { formatError } from '../errors.js';
import type { EncodedPart, LazySlice } from '../msgpack/encode-tree.js';
import { NumpyScalar } from '../msgpack/values.js';
import type { MsgpackInput } from '../msgpack/values.js';
import { encodeMsgpackParts } from './msgpack-int-keys.js';

/** The array leaves of a tree in encoding order, as `listTree` reports them once written and read. */
function arraysOf(tree: unknown, keys: string[], out: FileArray[]): FileArray[] {
  const leaf = tree instanceof NumpyScalar ? tree.tensor : tree;
  if (leaf instanceof Tensor) out.push({ path: keys.join('/'), dtype: leaf.dtype, shape: [...leaf.shape], byteLength: leaf.byteLength });
  else if (tree instanceof Map) for (const [k, v] of tree) arraysOf(v, [...keys, String(k)], out);
  else if (Array.isArray(tree)) tree.forEach((v, i) => arraysOf(v, [...keys, String(i)], out));
  else if (tree !== null && typeof tree === 'object' && Object.getPrototypeOf(tree) === Object.prototype) {
    for (const [k, v] of Object.entries(tree)) arraysOf(v, [...keys, k], out);
  }
  return out;
}

/**
 * A Flax msgpack file laid out from the tree's shapes: headers as they come, each tensor's data
 * (chunked as Flax chunks arrays over 2^30 bytes) block by block; the bytes of `writeFlaxMsgpack`
 * (and `bigint` keys as msgpack integers).
 *
 * @throws {InteropError} the codes of `writeFlaxMsgpack`; E_INVALID_ARGUMENT for a scanned
 *   `LazyArray` leaf (open the file with `openSource` to get lazy tensors instead).
 */
export function msgpackLayout(tree: MsgpackInput): FileLayout {
  const parts = encodeMsgpackParts(tree);
  return {
    byteLength: partsLength(parts),
    arrays: arraysOf(tree, [], []),
    write: (sink) =>
      writeMsgpackParts(sink, parts, (_, p) => {
        throw lazyArrayLeaf(p.array.path);
      }),
  };
}

/** Size of the file that encoded `parts` make. */
export const partsLength = (parts: readonly EncodedPart[]): number =>
  parts.reduce((n, p) => n + (p instanceof Uint8Array ? p.length : p.byteLength), 0);

/**
 * Writes encoded parts into `sink` front to back: bytes as they are, tensor slices block by block,
 * and each `LazySlice` (bytes of a scanned array, which only the file it was scanned from holds)
 * through `lazy`. The one msgpack layout: {@link msgpackLayout} and `saveFlaxMsgpack` write with it.
 */
export async function writeMsgpackParts<S extends TensorSink>(
  sink: S,
  parts: readonly EncodedPart[],
  lazy: (sink: S, slice: LazySlice) => Promise<void>,
): Promise<void> {
  for (const p of parts) {
    if (p instanceof Uint8Array) await sink.bytes(p);
    else if ('tensor' in p) await sink.tensor(p.tensor, p.start, p.byteLength);
    else await lazy(sink, p);
  }
}

function lazyArrayLeaf(path: string): Error {
  return formatError('E_INVALID_ARGUMENT', 'The tree holds a LazyArray, which has no source to stream from', {
    path,
    fix: 'Open the file with msgpackCodec.openSource (lazy tensors) or use saveFlaxMsgpack with options.source',
  });
}

/** The bytes of {@link msgpackLayout} in memory (what `msgpackCodec.write` gives for a tree with integer keys). */
export function msgpackBytes(tree: MsgpackInput): Uint8Array {
  const parts = encodeMsgpackParts(tree);
  const out = new Uint8Array(partsLength(parts));
  let at = 0;
  for (const p of parts) {
    if (p instanceof Uint8Array) out.set(p, at);
    else if ('tensor' in p) p.tensor.readBytes(p.start, out.subarray(at, at + p.byteLength));
    else throw lazyArrayLeaf(p.array.path);
    at += p instanceof Uint8Array ? p.length : p.byteLength;
  }
  return out;
}
