import type { Tensor } from '@interop/core';
import { tensorBytes } from '../tensor-bytes.js';
import { DTYPE_RANK, SAFETENSORS_DTYPE } from './dtypes.js';

/**
 * Writes a `.safetensors` file byte for byte as `safetensors.numpy.save` does: tensors ordered by
 * dtype (the Rust enum, descending) then name, compact JSON with `__metadata__` first, the header
 * padded with spaces to a multiple of 8 bytes.
 *
 * @example
 * ```ts
 * const bytes = writeSafetensors(new Map([['w', w]]), new Map([['format', 'np']]));
 * ```
 */
export function writeSafetensors(
  tensors: ReadonlyMap<string, Tensor> | Readonly<Record<string, Tensor>>,
  metadata?: ReadonlyMap<string, string> | Readonly<Record<string, string>> | null,
): Uint8Array {
  const list: Array<[string, Tensor]> = tensors instanceof Map ? [...tensors.entries()] : Object.entries(tensors);
  list.sort(([an, a], [bn, b]) => DTYPE_RANK[b.dtype] - DTYPE_RANK[a.dtype] || (an < bn ? -1 : an > bn ? 1 : 0));
  const parts: string[] = [];
  if (metadata) {
    const meta = metadata instanceof Map ? [...metadata.entries()] : Object.entries(metadata);
    parts.push(`"__metadata__":{${meta.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`);
  }
  let at = 0;
  for (const [name, t] of list) {
    const end = at + t.byteLength;
    parts.push(`${JSON.stringify(name)}:{"dtype":"${SAFETENSORS_DTYPE[t.dtype]}","shape":[${t.shape.join(',')}],"data_offsets":[${at},${end}]}`);
    at = end;
  }
  const json = new TextEncoder().encode(`{${parts.join(',')}}`);
  const headerLength = json.length + ((8 - (json.length % 8)) % 8);
  const out = new Uint8Array(8 + headerLength + at);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerLength), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + headerLength);
  let pos = 8 + headerLength;
  for (const [, t] of list) {
    out.set(tensorBytes(t), pos);
    pos += t.byteLength;
  }
  return out;
}
