import { InteropError, Tensor, compareCodePoints } from '@interop/core';
import type { MsgpackInput } from '@interop/formats';

/** A tree of named arrays: a Linen collection, an NNX pure dict. */
export type ArrayTree = { [name: string]: Tensor | ArrayTree };

/**
 * The tree `readFlaxMsgpack` read (maps of maps and arrays) as plain objects, keys in the file's
 * order; `file` names what was read in the error (`an NNX state file`).
 *
 * @throws {InteropError} E_FORMAT_CORRUPT for anything but arrays and dicts, with its path.
 * @example
 * ```ts
 * const tree = treeFromMsgpack(readFlaxMsgpack(bytes), 'a Linen variables file');
 * ```
 */
export function treeFromMsgpack(value: unknown, file: string, path = ''): Tensor | ArrayTree {
  if (value instanceof Tensor) return value;
  if (value instanceof Map) {
    const out: ArrayTree = {};
    for (const [k, v] of value as Map<unknown, unknown>) out[String(k)] = treeFromMsgpack(v, file, `${path}/${String(k)}`);
    return out;
  }
  throw new InteropError('E_FORMAT_CORRUPT', `${file} holds only arrays and dicts`, { path: path || '/', found: typeof value });
}

/**
 * A tree of arrays as what `writeFlaxMsgpack` writes: dicts as maps, in the tree's key order or,
 * with `sorted`, in sorted string order (as `msgpack_serialize(in_place=False)` writes them).
 *
 * @example
 * ```ts
 * writeFlaxMsgpack(treeToMsgpack(variables));
 * ```
 */
export function treeToMsgpack(tree: Tensor | ArrayTree, sorted = false): MsgpackInput {
  if (tree instanceof Tensor) return tree;
  const keys = sorted ? Object.keys(tree).sort(compareCodePoints) : Object.keys(tree);
  return new Map(keys.map((k) => [k, treeToMsgpack(tree[k]!, sorted)]));
}
