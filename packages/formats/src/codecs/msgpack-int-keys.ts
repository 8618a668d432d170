import { formatError } from '../errors.js';
import { encodeFlaxParts } from '../msgpack/encode-tree.js';
import type { EncodedPart } from '../msgpack/encode-tree.js';
import type { MsgpackInput } from '../msgpack/values.js';

// msgpack-python's encodings of a map header and a non-negative integer (the smallest that fits).
function bigEndian(tag: number, n: number, bytes: 2 | 4): Uint8Array {
  const out = new Uint8Array(1 + bytes);
  out[0] = tag;
  if (bytes === 2) new DataView(out.buffer).setUint16(1, n, false);
  else new DataView(out.buffer).setUint32(1, n, false);
  return out;
}

function mapHeader(n: number): Uint8Array {
  if (n < 16) return Uint8Array.of(0x80 | n);
  return n <= 0xffff ? bigEndian(0xde, n, 2) : bigEndian(0xdf, n, 4);
}

function uint(k: bigint, path: string): Uint8Array {
  if (k < 0n || k > 0xffff_ffffn) {
    throw formatError('E_INVALID_ARGUMENT', 'An integer key must be between 0 and 2^32 - 1', { path, found: k.toString() });
  }
  const n = Number(k);
  if (n < 0x80) return Uint8Array.of(n);
  if (n < 0x100) return Uint8Array.of(0xcc, n);
  return n <= 0xffff ? bigEndian(0xcd, n, 2) : bigEndian(0xce, n, 4);
}

/** True when a map of the tree has a `bigint` key. */
export function hasIntKeys(tree: unknown): boolean {
  if (!(tree instanceof Map)) return false;
  for (const [k, v] of tree as Map<unknown, unknown>) if (typeof k === 'bigint' || hasIntKeys(v)) return true;
  return false;
}

/**
 * The parts of a Flax msgpack tree whose maps may have `bigint` keys, written as msgpack integers
 * (as `msgpack_serialize(nnx.to_pure_dict(state))` writes `nnx.List` indices); maps without them
 * are encoded by `encodeFlaxParts`, which writes every key as a string, as `to_bytes` does.
 */
export function encodeMsgpackParts(tree: MsgpackInput, path = ''): EncodedPart[] {
  if (!hasIntKeys(tree)) return encodeFlaxParts(tree);
  const map = tree as Map<unknown, MsgpackInput>;
  const parts: EncodedPart[] = [mapHeader(map.size)];
  for (const [k, v] of map) {
    const at = path ? `${path}/${String(k)}` : String(k);
    if (typeof k === 'bigint') parts.push(uint(k, at));
    else parts.push(...encodeFlaxParts(String(k)));
    parts.push(...encodeMsgpackParts(v, at));
  }
  return parts;
}
