import type { FormatCodec, Tensor } from '@interop/core';
import { readSafetensors, readSafetensorsHeader } from '../safetensors/read-safetensors.js';
import { writeSafetensors } from '../safetensors/write-safetensors.js';
import { limitsOf } from './limits-of.js';

/**
 * safetensors: named arrays behind a JSON header. Opens as a `Map` of name to tensor (the
 * `__metadata__` is not part of the tree); writes as `safetensors.numpy.save` does.
 *
 * @example
 * ```ts
 * const tensors = safetensorsCodec.open(bytes) as Map<string, Tensor>;
 * ```
 */
export const safetensorsCodec: FormatCodec = {
  id: 'safetensors',
  title: 'safetensors',
  extensions: ['.safetensors'],
  // A small little-endian u64 header length, then '{'.
  detect: (head) => head.length >= 9 && head[8] === 0x7b && head[5] === 0 && head[6] === 0 && head[7] === 0,
  list(source, options) {
    const limits = limitsOf(options);
    const first = source.read(0, Math.min(8, source.size));
    const n = first.length < 8 ? 0 : Number(new DataView(first.buffer, first.byteOffset, 8).getBigUint64(0, true));
    const head = source.read(0, Math.min(source.size, 8 + Math.min(n, limits.maxHeaderBytes + 1))).slice();
    const { entries } = readSafetensorsHeader(head, source.size, { limits });
    return entries.map((e) => ({ path: e.name, dtype: e.dtype, shape: e.shape, byteLength: e.end - e.begin }));
  },
  open: (bytes, options) => readSafetensors(bytes, { limits: limitsOf(options) }).tensors,
  write: (tree) => writeSafetensors(tree as ReadonlyMap<string, Tensor>),
};
