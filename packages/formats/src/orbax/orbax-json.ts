import { DTYPES } from '@interop/core';
import type { DType } from '@interop/core';
import type { InputLeaf } from './orbax-input.js';
import { zarrV2DtypeOf } from './zarr-dtype.js';

/** Python's `repr` of a str (single quotes unless the text has one and no double quote). */
function pyRepr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = q;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\' || ch === q) out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + q;
}

/** `str(tuple(keys))` as Python prints it, the object key of a `_METADATA` entry. */
export function pyTupleKey(keys: readonly string[]): string {
  return keys.length === 1 ? `(${pyRepr(keys[0]!)},)` : `(${keys.map(pyRepr).join(', ')})`;
}

const VALUE_TYPE = { array: 'jax.Array', scalar: 'scalar', string: 'string', Dict: 'Dict', List: 'List', None: 'None' } as const;

/**
 * The `value_type` an array leaf is written with: `arrayType`, except that 64-bit arrays are always
 * `np.ndarray`, because jax (without x64) would restore a `jax.Array` as 32 bits.
 *
 * @example
 * ```ts
 * arrayValueType('float64', 'jax.Array'); // 'np.ndarray'
 * ```
 */
export function arrayValueType(dtype: DType, arrayType: 'jax.Array' | 'np.ndarray'): 'jax.Array' | 'np.ndarray' {
  return DTYPES[dtype].itemSize === 8 ? 'np.ndarray' : arrayType;
}

/**
 * The `_METADATA` JSON of a tree, as Orbax 0.12.8 writes it.
 *
 * @example
 * ```ts
 * metadataJson(flattenOrbaxInput(tree), { ocdbt: true, arrayType: 'jax.Array' });
 * ```
 */
export function metadataJson(leaves: readonly InputLeaf[], o: { ocdbt: boolean; arrayType: 'jax.Array' | 'np.ndarray' }): string {
  const tree: Record<string, unknown> = {};
  for (const l of leaves) {
    const valueType = l.kind === 'array' ? arrayValueType(l.array!.dtype, o.arrayType) : VALUE_TYPE[l.kind];
    const vm: Record<string, unknown> = {
      value_type: valueType,
      skip_deserialize: l.kind === 'Dict' || l.kind === 'List' || l.kind === 'None',
    };
    if (valueType === 'jax.Array') vm['write_shape'] = [...l.array!.shape];
    tree[pyTupleKey(l.keys)] = { key_metadata: l.keys.map((key, i) => ({ key, key_type: l.keyTypes[i] })), value_metadata: vm };
  }
  return JSON.stringify({
    tree_metadata: tree,
    use_ocdbt: o.ocdbt,
    use_zarr3: false,
    store_array_data_equal_to_fill_value: true,
    custom_metadata: null,
  });
}

/**
 * `_sharding`: every jax.Array on one CPU device, keyed by the base64url of its param name.
 *
 * @example
 * ```ts
 * shardingJson(['w']); // '{"dw==":"{\"sharding_type\": ..."}'
 * ```
 */
export function shardingJson(names: readonly string[], device = 'cpu:0'): string {
  const value = `{"sharding_type": "SingleDeviceSharding", "device_str": ${JSON.stringify(device)}}`;
  const out: Record<string, string> = {};
  for (const n of names) out[Buffer.from(n, 'utf8').toString('base64').replace(/\+/g, '-').replace(/\//g, '_')] = value;
  return JSON.stringify(out);
}

/**
 * The zarr v2 `.zarray` tensorstore writes (compact JSON, sorted keys), uncompressed.
 *
 * @example
 * ```ts
 * zarrayJson('float32', [4, 3], [4, 3]); // '{"chunks":[4,3],"compressor":null,...}'
 * ```
 */
export function zarrayJson(dtype: DType, shape: readonly number[], chunks: readonly number[]): string {
  return (
    `{"chunks":${JSON.stringify(chunks)},"compressor":null,"dimension_separator":".","dtype":${JSON.stringify(zarrV2DtypeOf(dtype))},` +
    `"fill_value":null,"filters":null,"order":"C","shape":${JSON.stringify(shape)},"zarr_format":2}`
  );
}

/**
 * The chunk shape for an array: the whole array, split along leading axes into divisors of the
 * shape while a chunk would exceed `maxChunkBytes` (as Orbax splits chunks over its target size).
 *
 * @example
 * ```ts
 * chunkShapeFor([1024, 1024], 'float32', 1 << 20); // [256, 1024]
 * ```
 */
export function chunkShapeFor(shape: readonly number[], dtype: DType, maxChunkBytes: number): number[] {
  const chunks = [...shape];
  const bytes = (): number => chunks.reduce((a, b) => a * b, DTYPES[dtype].itemSize);
  for (let d = 0; d < chunks.length && bytes() > maxChunkBytes; d++) {
    let best = 1;
    for (let c = 1; c <= shape[d]!; c++) {
      if (shape[d]! % c !== 0) continue;
      chunks[d] = c;
      if (bytes() <= maxChunkBytes) best = c;
    }
    chunks[d] = best;
  }
  return chunks;
}
