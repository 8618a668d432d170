import type { Tensor } from '@interop/core';
import { buildNpyHeader } from './header.js';

/**
 * Writes a tensor as `.npy` bytes, identical to what `np.save` writes for the same C-order array
 * (bfloat16 as `<V2`, like `jnp.save`).
 *
 * @example
 * ```ts
 * await writeFile('w.npy', writeNpy(Tensor.fromArray([1, 2], [2], 'float32')));
 * ```
 */
export function writeNpy(tensor: Tensor): Uint8Array {
  const header = buildNpyHeader(tensor.dtype, tensor.shape);
  const out = new Uint8Array(header.length + tensor.byteLength);
  out.set(header);
  tensor.readBytes(0, out.subarray(header.length));
  return out;
}
