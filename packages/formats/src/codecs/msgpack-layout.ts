import { Tensor } from '@interop/core';
import type { FileArray, FileLayout } from '@interop/core';
import { formatError } from '../errors.js';
import { encodeFlaxParts } from '../msgpack/encode-tree.js';
import { NumpyScalar } from '../msgpack/values.js';
import type { MsgpackInput } from '../msgpack/values.js';

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
 * (chunked as Flax chunks arrays over 2^30 bytes) block by block; the bytes of `writeFlaxMsgpack`.
 *
 * @throws {InteropError} the codes of `writeFlaxMsgpack`; E_INVALID_ARGUMENT for a scanned
 *   `LazyArray` leaf (open the file with `openSource` to get lazy tensors instead).
 */
export function msgpackLayout(tree: MsgpackInput): FileLayout {
  const parts = encodeFlaxParts(tree);
  return {
    byteLength: parts.reduce((n, p) => n + (p instanceof Uint8Array ? p.length : p.byteLength), 0),
    arrays: arraysOf(tree, [], []),
    async write(sink) {
      for (const p of parts) {
        if (p instanceof Uint8Array) await sink.bytes(p);
        else if ('tensor' in p) await sink.tensor(p.tensor, p.start, p.byteLength);
        else {
          throw formatError('E_INVALID_ARGUMENT', 'The tree holds a LazyArray, which has no source to stream from', {
            path: p.array.path,
            fix: 'Open the file with msgpackCodec.openSource (lazy tensors) or use saveFlaxMsgpack with options.source',
          });
        }
      }
    },
  };
}
