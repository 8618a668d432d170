import type { FormatCodec } from '@interop/core';
import { readFlaxMsgpack, scanFlaxMsgpack } from '../msgpack/read-flax.js';
import { listTree, mapLazyArrays } from '../msgpack/tree.js';
import { NumpyScalar } from '../msgpack/values.js';
import type { MsgpackInput } from '../msgpack/values.js';
import { writeFlaxMsgpack } from '../msgpack/write-flax.js';
import { limitsOf } from './limits-of.js';
import { hasIntKeys } from './msgpack-int-keys.js';
import { msgpackBytes, msgpackLayout } from './msgpack-layout.js';
import { lazyTensor } from './source-tensor.js';

/**
 * Flax msgpack, as `flax.serialization.to_bytes` and braintools' `msgpack_save` write it: a
 * tree of dicts (opened as `Map`s in file order) with arrays at the leaves. Keys are written as
 * strings, as `to_bytes` writes them, except `bigint` keys, written as msgpack integers (as
 * `msgpack_serialize(nnx.to_pure_dict(state))` writes `nnx.List` indices).
 *
 * @example
 * ```ts
 * const tree = msgpackCodec.open(bytes); // Map { 'params' => Map { ... } }
 * ```
 */
export const msgpackCodec: FormatCodec = {
  id: 'msgpack',
  title: 'Flax msgpack (flax.serialization / braintools)',
  extensions: ['.msgpack'],
  // A map at the top: fixmap, map16 or map32.
  detect: (head) => head[0] !== undefined && ((head[0] >= 0x80 && head[0] <= 0x8f) || head[0] === 0xde || head[0] === 0xdf),
  list: (source, options) =>
    listTree(scanFlaxMsgpack(source, { limits: limitsOf(options) })).map((e) => ({
      path: e.path,
      dtype: e.dtype,
      shape: e.shape,
      byteLength: e.byteLength,
    })),
  open: (bytes, options) => readFlaxMsgpack(bytes, { limits: limitsOf(options) }),
  openSource: (source, options) =>
    mapLazyArrays(scanFlaxMsgpack(source, { limits: limitsOf(options) }), (leaf) => {
      const t = lazyTensor(leaf.dtype, leaf.shape, source, leaf.ranges, leaf.path);
      return leaf.kind === 'npscalar' ? new NumpyScalar(t) : t;
    }),
  write: (tree) => (hasIntKeys(tree) ? msgpackBytes(tree as MsgpackInput) : writeFlaxMsgpack(tree as MsgpackInput)),
  layout: (tree) => msgpackLayout(tree as MsgpackInput),
};
