import type { DType } from '@interop/core';
import { formatError } from '../errors.js';
import { LazyArray } from './values.js';
import type { MsgpackValue } from './values.js';

/** One array leaf of a tree, as {@link listTree} reports it. */
export interface TreeEntry {
  /** Keys from the root, joined by `/`. */
  path: string;
  /** Keys from the root. */
  keys: string[];
  /** Element type. */
  dtype: DType;
  /** Shape. */
  shape: readonly number[];
  /** Bytes of element data. */
  byteLength: number;
  /** `'ndarray'` (ext 1, possibly chunked) or `'npscalar'` (ext 3). */
  kind: 'ndarray' | 'npscalar';
}

/**
 * Lists every array leaf of a scanned tree in file order, without loading any data.
 *
 * @example
 * ```ts
 * for (const e of listTree(file.tree)) console.log(e.path, e.dtype, e.shape, e.byteLength);
 * ```
 */
export function listTree(tree: MsgpackValue): TreeEntry[] {
  const out: TreeEntry[] = [];
  const walk = (v: MsgpackValue, keys: string[]): void => {
    if (v instanceof LazyArray) {
      out.push({ path: keys.join('/'), keys, dtype: v.dtype, shape: v.shape, byteLength: v.byteLength, kind: v.kind });
    } else if (v instanceof Map) {
      for (const [k, x] of v) walk(x, [...keys, k]);
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, [...keys, String(i)]));
    }
  };
  walk(tree, []);
  return out;
}

/**
 * The value at a path (keys, or keys joined by `/`), or `undefined`.
 *
 * @example
 * ```ts
 * getAtPath(tree, 'params/Dense_0/kernel');
 * ```
 */
export function getAtPath(tree: MsgpackValue, path: string | readonly string[]): MsgpackValue | undefined {
  const keys = typeof path === 'string' ? (path === '' ? [] : path.split('/')) : path;
  let v: MsgpackValue | undefined = tree;
  for (const k of keys) {
    if (v instanceof Map) v = v.get(k);
    else if (Array.isArray(v) && /^\d+$/.test(k)) v = v[Number(k)];
    else return undefined;
  }
  return v;
}

/**
 * The array leaf at a path (or the leaf itself), for a reader's `load`/`tensor`: `lister` names
 * the call whose paths are valid (`file.list()`), for the error.
 *
 * @throws {InteropError} E_FORMAT_MISMATCH when no array is at the path.
 * @example
 * ```ts
 * const leaf = arrayLeafAt(tree, 'params/Dense_0/kernel', 'file.list()');
 * ```
 */
export function arrayLeafAt(tree: MsgpackValue, path: string | readonly string[] | LazyArray, lister: string): LazyArray {
  const leaf = path instanceof LazyArray ? path : getAtPath(tree, path);
  if (!(leaf instanceof LazyArray)) {
    throw formatError('E_FORMAT_MISMATCH', 'No array at this path', {
      path: typeof path === 'string' ? path : (path as readonly string[]).join('/'),
      expected: `one of the paths ${lister} reports`,
    });
  }
  return leaf;
}

/**
 * Rebuilds a tree with every {@link LazyArray} replaced by `load(leaf)`.
 *
 * @example
 * ```ts
 * const loaded = mapLazyArrays(tree, (leaf) => loadFromBytes(bytes, leaf));
 * ```
 */
export function mapLazyArrays(tree: MsgpackValue, load: (leaf: LazyArray) => MsgpackValue): MsgpackValue {
  if (tree instanceof LazyArray) return load(tree);
  if (tree instanceof Map) {
    const out = new Map<string, MsgpackValue>();
    for (const [k, v] of tree) out.set(k, mapLazyArrays(v, load));
    return out;
  }
  if (Array.isArray(tree)) return tree.map((v) => mapLazyArrays(v, load));
  return tree;
}
