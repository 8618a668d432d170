import { formatError } from '../errors.js';
import type { ReadLimits } from '../limits.js';

/** One entry of `_METADATA`'s `tree_metadata`: a leaf (or empty container) with its key path. */
export interface TreeLeafMeta {
  /** The keys from the root (strings, as Orbax stores them). */
  keys: string[];
  /** Per key: 1 = sequence index, 2 = dict key or attribute. */
  keyTypes: number[];
  /** `jax.Array`, `np.ndarray`, `scalar`, `string`, `Dict`, `List`, `Tuple`, `None`, ... */
  valueType: string;
  /** True for empty containers, `None`, and arrays kept in the legacy msgpack file. */
  skipDeserialize: boolean;
  /** The param name: the keys joined by `.` (the zarr array's key prefix). */
  name: string;
}

/** What `_METADATA` says about an item. */
export interface OrbaxTreeMetadata {
  /** Every entry, in file order. */
  leaves: TreeLeafMeta[];
  /** Arrays are zarr v3 when true. */
  useZarr3: boolean;
  /** `use_ocdbt` when recorded. */
  useOcdbt?: boolean;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Parses an item's `_METADATA` JSON (the PyTree structure Orbax saves beside the arrays).
 *
 * @throws {InteropError} E_FORMAT_CORRUPT when it is not the expected JSON; E_FORMAT_LIMIT or
 *   E_FORMAT_DEPTH for more entries or deeper paths than `limits` allow.
 * @example
 * ```ts
 * parseTreeMetadata(bytes, DEFAULT_LIMITS).leaves[0]?.name; // 'layers.0.kernel.value'
 * ```
 */
export function parseTreeMetadata(bytes: Uint8Array, limits: ReadLimits): OrbaxTreeMetadata {
  const bad = (why: string, found?: unknown): never => {
    throw formatError('E_FORMAT_CORRUPT', `Invalid _METADATA: ${why}`, { path: '_METADATA', found: JSON.stringify(found)?.slice(0, 200) });
  };
  let j: unknown;
  try {
    j = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (e) {
    throw formatError('E_FORMAT_CORRUPT', 'Invalid _METADATA: not JSON', { path: '_METADATA', cause: e });
  }
  if (!isObj(j) || !isObj(j['tree_metadata'])) return bad('no tree_metadata object');
  const entries = Object.values(j['tree_metadata']);
  if (entries.length > limits.maxEntries) {
    throw formatError('E_FORMAT_LIMIT', '_METADATA has more entries than allowed', { path: '_METADATA', found: entries.length });
  }
  const leaves = entries.map((e): TreeLeafMeta => {
    if (!isObj(e) || !Array.isArray(e['key_metadata']) || !isObj(e['value_metadata']))
      return bad('an entry lacks key_metadata or value_metadata', e);
    const km = e['key_metadata'] as unknown[];
    if (km.length > limits.maxDepth)
      throw formatError('E_FORMAT_DEPTH', 'A _METADATA path is deeper than allowed', { path: '_METADATA', found: km.length });
    const keys: string[] = [];
    const keyTypes: number[] = [];
    for (const k of km) {
      if (!isObj(k) || typeof k['key'] !== 'string' || (k['key_type'] !== 1 && k['key_type'] !== 2))
        bad('a key is not {key: string, key_type: 1 | 2}', k);
      keys.push((k as { key: string }).key);
      keyTypes.push((k as { key_type: number }).key_type);
    }
    const vm = e['value_metadata'] as Record<string, unknown>;
    if (typeof vm['value_type'] !== 'string') bad('an entry has no value_type', vm);
    return {
      keys,
      keyTypes,
      valueType: vm['value_type'] as string,
      skipDeserialize: vm['skip_deserialize'] === true,
      name: keys.join('.'),
    };
  });
  const out: OrbaxTreeMetadata = { leaves, useZarr3: j['use_zarr3'] === true };
  if (typeof j['use_ocdbt'] === 'boolean') out.useOcdbt = j['use_ocdbt'];
  return out;
}
