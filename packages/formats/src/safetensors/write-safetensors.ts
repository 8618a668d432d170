import type { Tensor } from '@interop/core';
import { DTYPE_RANK, SAFETENSORS_DTYPE } from './dtypes.js';

/** What a safetensors file holds, in file order: the header bytes, then each tensor's data. */
export interface SafetensorsLayout {
  /** The u64 length, the JSON header and its space padding. */
  header: Uint8Array;
  /** Tensors in data order. */
  tensors: Tensor[];
  /** Size of the whole file. */
  byteLength: number;
}

/**
 * Lays a file out as `safetensors.numpy.save` does: tensors ordered by dtype (the Rust enum,
 * descending) then name, compact JSON with `__metadata__` first, the header padded with spaces to
 * a multiple of 8 bytes. Only shapes and dtypes are needed, so lazy tensors are not read.
 *
 * @example
 * ```ts
 * safetensorsLayout(new Map([['w', w]])).header; // 8 + padded JSON bytes
 * ```
 */
export function safetensorsLayout(
  tensors: ReadonlyMap<string, Tensor> | Readonly<Record<string, Tensor>>,
  metadata?: ReadonlyMap<string, string> | Readonly<Record<string, string>> | null,
): SafetensorsLayout {
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
    parts.push(
      `${JSON.stringify(name)}:{"dtype":"${SAFETENSORS_DTYPE[t.dtype]}","shape":[${t.shape.join(',')}],"data_offsets":[${at},${end}]}`,
    );
    at = end;
  }
  const json = new TextEncoder().encode(`{${parts.join(',')}}`);
  const headerLength = json.length + ((8 - (json.length % 8)) % 8);
  const header = new Uint8Array(8 + headerLength);
  new DataView(header.buffer).setBigUint64(0, BigInt(headerLength), true);
  header.set(json, 8);
  header.fill(0x20, 8 + json.length);
  return { header, tensors: list.map(([, t]) => t), byteLength: header.length + at };
}

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
  const layout = safetensorsLayout(tensors, metadata);
  const out = new Uint8Array(layout.byteLength);
  out.set(layout.header);
  let pos = layout.header.length;
  for (const t of layout.tensors) {
    t.readBytes(0, out.subarray(pos, pos + t.byteLength));
    pos += t.byteLength;
  }
  return out;
}
