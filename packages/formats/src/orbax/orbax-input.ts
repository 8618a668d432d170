import { Tensor } from '@interop/core';
import type { DType } from '@interop/core';
import { formatError } from '../errors.js';
import { LazyArray, NumpyScalar } from '../msgpack/values.js';
import type { MsgpackInput } from '../msgpack/values.js';

/** One entry of the tree to write, in `_METADATA` order (dict keys sorted, as jax flattens). */
export interface InputLeaf {
  /** Keys from the root. */
  keys: string[];
  /** 1 = sequence index, 2 = dict key, per key. */
  keyTypes: number[];
  /** What the entry is. */
  kind: 'array' | 'scalar' | 'string' | 'Dict' | 'List' | 'None';
  /** The array (tensor or lazy array) or the 0-d scalar tensor. */
  array?: Tensor | LazyArray;
  /** The string value. */
  text?: string;
}

/** Shape and dtype of an array leaf. */
export function arrayInfo(a: Tensor | LazyArray): { dtype: DType; shape: readonly number[] } {
  return { dtype: a.dtype, shape: a.shape };
}

/**
 * Flattens a tree to write as Orbax does: `Map`s and plain objects are dicts (keys sorted by code
 * point, as jax flattens dicts), arrays are lists, tensors and lazy arrays are arrays, Python-like
 * numbers (`number` float64, `bigint` int64) and `NumpyScalar`s are scalars, strings are strings,
 * `null` is None, empty containers are kept.
 *
 * @throws {InteropError} E_INVALID_ARGUMENT for values Orbax cannot hold (booleans, bytes,
 *   complex, zero-size arrays) or for keys containing a dot.
 * @example
 * ```ts
 * flattenOrbaxInput({ w: tensor, step: 3n }).map((l) => l.keys.join('.')); // ['step', 'w']
 * ```
 */
export function flattenOrbaxInput(tree: MsgpackInput): InputLeaf[] {
  const out: InputLeaf[] = [];
  const walk = (v: MsgpackInput, keys: string[], types: number[]): void => {
    const at = (extra: Partial<InputLeaf> & Pick<InputLeaf, 'kind'>): void => {
      out.push({ keys, keyTypes: types, ...extra });
    };
    if (v instanceof Tensor || v instanceof LazyArray) {
      if (v.shape.some((d) => d === 0)) {
        throw formatError('E_INVALID_ARGUMENT', 'Orbax cannot save zero-size arrays', {
          path: keys.join('/'),
          found: `[${v.shape.join(', ')}]`,
        });
      }
      at({ kind: v instanceof LazyArray && v.kind === 'npscalar' ? 'scalar' : 'array', array: v });
    } else if (v instanceof NumpyScalar) at({ kind: 'scalar', array: v.tensor });
    else if (typeof v === 'number') at({ kind: 'scalar', array: Tensor.fromArray([v], [], 'float64') });
    else if (typeof v === 'bigint') at({ kind: 'scalar', array: Tensor.fromArray([v], [], 'int64') });
    else if (typeof v === 'string') at({ kind: 'string', text: v });
    else if (v === null) at({ kind: 'None' });
    else if (Array.isArray(v)) {
      if (v.length === 0) at({ kind: 'List' });
      v.forEach((x, i) => walk(x, [...keys, String(i)], [...types, 1]));
    } else if (v instanceof Map || (typeof v === 'object' && !(v instanceof Uint8Array) && v.constructor === Object)) {
      const entries = v instanceof Map ? [...v.entries()].map(([k, x]) => [String(k), x] as const) : Object.entries(v);
      if (entries.length === 0) at({ kind: 'Dict' });
      const sorted = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      for (const [k, x] of sorted) {
        if (k.includes('.') || k.includes('/') || k === '') {
          throw formatError('E_INVALID_ARGUMENT', `The key "${k}" cannot be saved: Orbax joins keys with "." into array names`, {
            path: keys.join('/'),
            fix: 'Rename the key (no ".", no "/", not empty)',
          });
        }
        walk(x as MsgpackInput, [...keys, k], [...types, 2]);
      }
    } else {
      throw formatError('E_INVALID_ARGUMENT', 'Orbax cannot save this value', {
        path: keys.join('/'),
        found: typeof v === 'object' ? (v as object).constructor.name : typeof v,
        expected: 'tensors, numbers, bigints, strings, null, and dicts or lists of them',
      });
    }
  };
  walk(tree, [], []);
  return out;
}
