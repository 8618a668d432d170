import { DTYPES, Tensor, sizeOf } from '@interop/core';
import type { DTypeStorage } from '@interop/core';
import { resolveLimits } from '../limits.js';
import type { ReadLimits } from '../limits.js';
import { memorySource } from './byte-source.js';
import type { ByteSource } from './byte-source.js';
import { MsgpackScanner } from './scanner.js';
import { mapLazyArrays } from './tree.js';
import { NumpyScalar } from './values.js';
import type { LazyArray, MsgpackValue } from './values.js';

/** Options of the Flax msgpack readers. */
export interface ReadFlaxOptions {
  /** Size and depth bounds; see {@link ReadLimits}. */
  limits?: Partial<ReadLimits>;
  /** Accept `__proto__`, `constructor` and `prototype` keys (maps are `Map`s, so they are inert). */
  allowUnsafeKeys?: boolean;
}

/**
 * Scans a Flax msgpack document from any byte source: the tree comes back with array leaves as
 * `LazyArray`s (nothing loaded).
 *
 * @throws {InteropError} E_FORMAT_* with the byte offset and tree path of the problem.
 * @example
 * ```ts
 * const tree = scanFlaxMsgpack(memorySource(bytes));
 * ```
 */
export function scanFlaxMsgpack(src: ByteSource, options: ReadFlaxOptions = {}): MsgpackValue {
  const scanner = new MsgpackScanner(src, {
    limits: resolveLimits(options.limits),
    allowUnsafeKeys: options.allowUnsafeKeys ?? false,
  });
  return scanner.scanDocument();
}

/**
 * Copies a lazy array's bytes out of a byte source into a new tensor.
 *
 * @example
 * ```ts
 * const t = loadLazyArray(memorySource(bytes), leaf);
 * ```
 */
export function loadLazyArray(src: ByteSource, leaf: LazyArray): Tensor {
  const info = DTYPES[leaf.dtype];
  const data = new info.storage(sizeOf(leaf.shape));
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  let at = 0;
  for (const r of leaf.ranges) {
    bytes.set(src.read(r.offset, r.byteLength), at);
    at += r.byteLength;
  }
  return new Tensor(leaf.dtype, leaf.shape, data as DTypeStorage[typeof leaf.dtype]);
}

/**
 * Reads what `flax.serialization.to_bytes` / `msgpack_serialize` or braintools' `msgpack_save`
 * wrote, fully into memory: arrays become `Tensor`s, numpy scalars `NumpyScalar`s, chunked arrays
 * are joined, dicts are `Map`s in file order. For large files use {@link openFlaxMsgpack}.
 *
 * @throws {InteropError} E_FORMAT_TRUNCATED, E_FORMAT_CORRUPT, E_FORMAT_DTYPE, E_FORMAT_LIMIT,
 *   E_FORMAT_DEPTH, E_FORMAT_DUPLICATE_KEY, E_FORMAT_UNSAFE_KEY, with offset and path.
 * @example
 * ```ts
 * const tree = readFlaxMsgpack(await readFile('ckpt.msgpack'));
 * (tree as Map<string, unknown>).get('params');
 * ```
 */
export function readFlaxMsgpack(bytes: Uint8Array, options: ReadFlaxOptions = {}): MsgpackValue {
  const src = memorySource(bytes);
  const tree = scanFlaxMsgpack(src, options);
  return mapLazyArrays(tree, (leaf) => {
    const t = loadLazyArray(src, leaf);
    return leaf.kind === 'npscalar' ? new NumpyScalar(t) : t;
  });
}
