import type { FileSource, FormatCodec, Tensor } from '@interop/core';
import type { ReadLimits } from '../limits.js';
import { readSafetensors, readSafetensorsHeader } from '../safetensors/read-safetensors.js';
import type { SafetensorsHeader } from '../safetensors/read-safetensors.js';
import { writeSafetensors } from '../safetensors/write-safetensors.js';
import { limitsOf } from './limits-of.js';
import { safetensorsFileLayout } from './safetensors-layout.js';
import { lazyTensor } from './source-tensor.js';

/** The checked header of a safetensors file, read from the front of `source` only. */
function headerOf(source: FileSource, limits: ReadLimits): SafetensorsHeader {
  const first = source.read(0, Math.min(8, source.size));
  const n = first.length < 8 ? 0 : Number(new DataView(first.buffer, first.byteOffset, 8).getBigUint64(0, true));
  const head = source.read(0, Math.min(source.size, 8 + Math.min(n, limits.maxHeaderBytes + 1))).slice();
  return readSafetensorsHeader(head, source.size, { limits });
}

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
    const { entries } = headerOf(source, limitsOf(options));
    return entries.map((e) => ({ path: e.name, dtype: e.dtype, shape: e.shape, byteLength: e.end - e.begin }));
  },
  open: (bytes, options) => readSafetensors(bytes, { limits: limitsOf(options) }).tensors,
  openSource(source, options) {
    const header = headerOf(source, limitsOf(options));
    const ranges = (e: { begin: number; end: number }) => [{ offset: header.headerEnd + e.begin, byteLength: e.end - e.begin }];
    return new Map(header.entries.map((e) => [e.name, lazyTensor(e.dtype, e.shape, source, ranges(e), e.name)]));
  },
  write: (tree) => writeSafetensors(tree as ReadonlyMap<string, Tensor>),
  layout(tree) {
    const layout = safetensorsFileLayout(tree as ReadonlyMap<string, Tensor>);
    // The arrays are read back from the header now, so a header list() would refuse fails here,
    // before anything is written.
    return { byteLength: layout.byteLength, arrays: layout.arrays, write: layout.write };
  },
};
