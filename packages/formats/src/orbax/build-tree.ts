import { formatError } from '../errors.js';
import type { MsgpackValue } from '../msgpack/values.js';
import type { TreeLeafMeta } from './tree-metadata.js';

/**
 * Nests `_METADATA` entries into a tree the way the Flax msgpack reader returns one: dict keys
 * (key type 2) become `Map`s in `_METADATA` order, sequence indices (key type 1: lists and tuples)
 * become arrays. `value(leaf)` gives each leaf's value.
 *
 * @throws {InteropError} E_FORMAT_CORRUPT when two entries disagree on a container's kind, a
 *   path repeats, or a sequence has holes.
 * @example
 * ```ts
 * const tree = buildTree(meta.leaves, (leaf) => lazyLeaves.get(leaf.name) ?? null);
 * ```
 */
export function buildTree(leaves: readonly TreeLeafMeta[], value: (leaf: TreeLeafMeta) => MsgpackValue): MsgpackValue {
  const bad = (leaf: TreeLeafMeta, why: string): never => {
    throw formatError('E_FORMAT_CORRUPT', `Invalid _METADATA: ${why}`, { path: leaf.keys.join('/') });
  };
  if (leaves.length === 1 && leaves[0]!.keys.length === 0) return value(leaves[0]!);
  const sequences = new Set<MsgpackValue[]>();
  const rootIsSeq = leaves[0]?.keyTypes[0] === 1;
  const root: Map<string, MsgpackValue> | MsgpackValue[] = rootIsSeq ? [] : new Map<string, MsgpackValue>();
  if (Array.isArray(root)) sequences.add(root);
  for (const leaf of leaves) {
    if (leaf.keys.length === 0) bad(leaf, 'a root leaf beside other entries');
    if ((leaf.keyTypes[0] === 1) !== rootIsSeq) bad(leaf, 'entries disagree on the root container kind');
    let node: Map<string, MsgpackValue> | MsgpackValue[] = root;
    for (let i = 0; i < leaf.keys.length; i++) {
      const key = leaf.keys[i]!;
      const last = i === leaf.keys.length - 1;
      const nextIsSeq = !last && leaf.keyTypes[i + 1] === 1;
      const make = (): Map<string, MsgpackValue> | MsgpackValue[] => {
        if (!nextIsSeq) return new Map();
        const a: MsgpackValue[] = [];
        sequences.add(a);
        return a;
      };
      if (Array.isArray(node)) {
        if (!/^(0|[1-9]\d{0,8})$/.test(key)) bad(leaf, `"${key.slice(0, 20)}" is not a sequence index`);
        const at = Number(key);
        if (at >= leaves.length) bad(leaf, 'a sequence index is larger than the number of entries');
        if (last) {
          if (node[at] !== undefined) bad(leaf, 'a path repeats');
          node[at] = value(leaf);
        } else {
          node[at] ??= make();
          const next: MsgpackValue = node[at]!;
          if (!(next instanceof Map) && !Array.isArray(next)) bad(leaf, 'a leaf is also a container');
          if (Array.isArray(next) !== nextIsSeq) bad(leaf, 'entries disagree on a container kind');
          node = next as Map<string, MsgpackValue> | MsgpackValue[];
        }
      } else {
        if (last) {
          if (node.has(key)) bad(leaf, 'a path repeats');
          node.set(key, value(leaf));
        } else {
          if (!node.has(key)) node.set(key, make());
          const next = node.get(key)!;
          if (!(next instanceof Map) && !Array.isArray(next)) bad(leaf, 'a leaf is also a container');
          if (Array.isArray(next) !== nextIsSeq) bad(leaf, 'entries disagree on a container kind');
          node = next as Map<string, MsgpackValue> | MsgpackValue[];
        }
      }
    }
  }
  for (const s of sequences) {
    for (let i = 0; i < s.length; i++) {
      if (!(i in s)) throw formatError('E_FORMAT_CORRUPT', 'Invalid _METADATA: a sequence has a missing index', { found: i });
    }
  }
  return root;
}
