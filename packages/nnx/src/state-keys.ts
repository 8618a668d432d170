import { InteropError, Tensor, compareCodePoints } from '@interop/core';
import { msgpackCodec } from '@interop/formats';
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

// With 'int', index keys become bigints, which the msgpack codec writes as msgpack integers.
function asMap(tree: Tensor | PureDict, keys: StateKeys): MsgpackInput {
  if (tree instanceof Tensor) return tree;
  const key = (k: string): string | bigint => (keys === 'int' && isIndex(k) ? BigInt(k) : k);
  return new Map(ordered(tree, keys).map((k) => [key(k), asMap(tree[k]!, keys)])) as MsgpackInput;
}

function hasIndexKeys(tree: Tensor | PureDict): boolean {
  return !(tree instanceof Tensor) && Object.entries(tree).some(([k, v]) => isIndex(k) || hasIndexKeys(v));
}

/**
 * A pure dict as the msgpack codec's tree of key form `keys` (see {@link StateKeys}): maps in the
 * form's key order, index keys as bigints for `'int'`.
 *
 * @throws {InteropError} E_INVALID_ARGUMENT for an unknown key form.
 * @example
 * ```ts
 * msgpackCodec.write(stateKeysTree(toPureDict(state(model)), 'int'));
 * ```
 */
export function stateKeysTree(pure: PureDict, keys: StateKeys): MsgpackInput {
  if (!STATE_KEYS.includes(keys)) {
    throw new InteropError('E_INVALID_ARGUMENT', `unknown state key form '${String(keys)}'`, {
      expected: STATE_KEYS.join(', '),
      found: keys,
    });
  }
  return asMap(pure, keys);
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
  return msgpackCodec.write(stateKeysTree(pure, keys));
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
