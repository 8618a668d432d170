import type { FormatCodec, Tensor } from '@interop/core';
import { readNpz, writeNpz } from '../npz/npz.js';
import { limitsOf } from './limits-of.js';
import { npzLayout } from './npz-layout.js';

const startsWith = (head: Uint8Array, prefix: number[]) => prefix.every((b, i) => head[i] === b);

/**
 * NumPy `.npz`: a zip of named `.npy` arrays. Opens as a `Map` of them; listing inflates the
 * entries (npz files are small), and there is no `openSource` (the CLI reads npz files whole;
 * `openNpz` reads them lazily from a path).
 *
 * @example
 * ```ts
 * const arrays = npzCodec.open(bytes) as Map<string, Tensor>;
 * ```
 */
export const npzCodec: FormatCodec = {
  id: 'npz',
  title: 'NumPy .npz',
  extensions: ['.npz'],
  detect: (head) => startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06]),
  list(source, options) {
    const arrays = readNpz(source.read(0, source.size).slice(), { limits: limitsOf(options) });
    return [...arrays].map(([name, t]) => ({ path: name, dtype: t.dtype, shape: t.shape, byteLength: t.byteLength }));
  },
  open: (bytes, options) => readNpz(bytes, { limits: limitsOf(options) }),
  write: (tree) => writeNpz(tree as ReadonlyMap<string, Tensor>),
  layout: (tree) => npzLayout(tree as ReadonlyMap<string, Tensor>),
};
