import { InteropError, Tensor, compareCodePoints } from '@interop/core';
import { writeFlaxMsgpack } from '@interop/formats';
import type { MsgpackInput } from '@interop/formats';
import type { PureDict } from './graph.js';

/**
 * How a state file spells the integer keys of NNX pure dicts (`nnx.List` and `Sequential`
 * indices), after the Python call that wrote it:
 * - `'int'`: `msgpack_serialize(nnx.to_pure_dict(state))`: msgpack integers, every level sorted
 *   (integers numerically);
 * - `'str'`: `flax.serialization.to_bytes(pure)`: the same order, keys as strings;
 * - `'str-sorted'`: `msgpack_serialize(to_state_dict(pure))` (or of a pure dict with `str(k)`
 *   keys): strings sorted as strings, `'10'` before `'2'`.
 *
 * `nnx.replace_by_pure_dict` loads all three. Files without integer keys are the same in all three.
 */
export type StateKeys = 'int' | 'str' | 'str-sorted';

/** The key forms, in the order {@link detectStateKeys} tries them. */
export const STATE_KEYS: readonly StateKeys[] = Object.freeze(['str-sorted', 'int', 'str']);

const isIndex = (k: string): boolean => /^(0|[1-9][0-9]{0,9})$/.test(k) && Number(k) <= 0xffffffff;

// NNX sorts each level: integers numerically (they come first here), strings by code point.
function nnxOrder(a: string, b: string): number {
  const ia = isIndex(a);
  const ib = isIndex(b);
  if (ia && ib) return Number(a) - Number(b);
  if (ia !== ib) return ia ? -1 : 1;
  return compareCodePoints(a, b);
}

function ordered(tree: PureDict, keys: StateKeys): string[] {
  return Object.keys(tree).sort(keys === 'str-sorted' ? compareCodePoints : nnxOrder);
}

function asMap(tree: Tensor | PureDict, keys: StateKeys): MsgpackInput {
  if (tree instanceof Tensor) return tree;
  return new Map(ordered(tree, keys).map((k) => [k, asMap(tree[k]!, keys)]));
}

function hasIndexKeys(tree: Tensor | PureDict): boolean {
  return !(tree instanceof Tensor) && Object.entries(tree).some(([k, v]) => isIndex(k) || hasIndexKeys(v));
}

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

function uint(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  if (n < 0x100) return Uint8Array.of(0xcc, n);
  return n <= 0xffff ? bigEndian(0xcd, n, 2) : bigEndian(0xce, n, 4);
}

function encodeInto(tree: Tensor | PureDict, parts: Uint8Array[]): void {
  if (tree instanceof Tensor || !hasIndexKeys(tree)) {
    parts.push(writeFlaxMsgpack(asMap(tree, 'int')));
    return;
  }
  const keys = ordered(tree, 'int');
  parts.push(mapHeader(keys.length));
  for (const k of keys) {
    parts.push(isIndex(k) ? uint(Number(k)) : writeFlaxMsgpack(k));
    encodeInto(tree[k]!, parts);
  }
}

/**
 * A pure dict as the bytes Python writes in key form `keys` (see {@link StateKeys}).
 *
 * @example
 * ```ts
 * encodeStateKeys(toPureDict(state(model)), 'int'); // msgpack_serialize(nnx.to_pure_dict(nnx.state(model)))
 * ```
 */
export function encodeStateKeys(pure: PureDict, keys: StateKeys): Uint8Array {
  if (!STATE_KEYS.includes(keys)) {
    throw new InteropError('E_INVALID_ARGUMENT', `unknown state key form '${String(keys)}'`, {
      expected: STATE_KEYS.join(', '),
      found: keys,
    });
  }
  if (keys !== 'int') return writeFlaxMsgpack(asMap(pure, keys));
  const parts: Uint8Array[] = [];
  encodeInto(pure, parts);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const same = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * The key form a state file was written in: the first of `str-sorted`, `int`, `str` whose encoding of
 * the file's pure dict gives the file's bytes back (`'str-sorted'` when it has no integer keys),
 * or `undefined` when none does (another writer, another key order).
 *
 * @example
 * ```ts
 * const keys = detectStateKeys(bytes, readPureDict(bytes)); // 'int' for msgpack_serialize(nnx.to_pure_dict(state))
 * await writeFile('out.msgpack', writeState(model, { keys }));
 * ```
 */
export function detectStateKeys(bytes: Uint8Array, pure: PureDict): StateKeys | undefined {
  if (!hasIndexKeys(pure)) return same(encodeStateKeys(pure, 'str-sorted'), bytes) ? 'str-sorted' : undefined;
  return STATE_KEYS.find((keys) => same(encodeStateKeys(pure, keys), bytes));
}
