import { formatError } from '../errors.js';
import type { ReadLimits } from '../limits.js';
import { decodeBtreeNode } from './btree-node.js';
import type { OcdbtValue } from './btree-node.js';
import type { FilePool } from './file-pool.js';
import type { KvStore } from './kv-store.js';
import { decodeManifest } from './manifest.js';
import type { NodeRef } from './manifest.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * An OCDBT database opened for reading: the manifest's newest version is walked once (every node
 * read, decoded and checked), giving the map from key to value location; values are read on demand.
 *
 * @example
 * ```ts
 * const store = await openOcdbtStore(pool, '', DEFAULT_LIMITS);
 * store.keys(); // ['bias.value/.zarray', 'bias.value/0', ...]
 * ```
 */
export class OcdbtStore implements KvStore {
  readonly kind = 'ocdbt' as const;

  constructor(
    private readonly pool: FilePool,
    /** Key → value location, in key order. */
    readonly entries: ReadonlyMap<string, OcdbtValue>,
  ) {}

  /** Every key, in byte order. */
  keys(): string[] {
    return [...this.entries.keys()];
  }

  /** The value of a key, or `undefined`. */
  async get(key: string, maxBytes: number): Promise<Uint8Array | undefined> {
    const v = this.entries.get(key);
    if (!v) return undefined;
    const length = 'inline' in v ? v.inline.length : v.length;
    if (length > maxBytes) {
      throw formatError('E_FORMAT_LIMIT', `The value of ${key} is larger than its metadata allows`, {
        path: key,
        expected: `at most ${maxBytes} bytes`,
        found: length,
      });
    }
    if ('inline' in v) return v.inline;
    return this.pool.read(v.file.path, v.offset, v.length);
  }
}

/**
 * Reads `<dir>/manifest.ocdbt` and walks the newest B+tree. Heights must fall by one per level
 * (so cycles are impossible), no node may be referenced twice, keys must be strictly increasing
 * across the whole tree, and the key count, node sizes and height stay within `limits`.
 *
 * @throws {InteropError} E_FORMAT_* for malformed manifests or nodes, E_FORMAT_DEPTH for an
 *   absurd height, E_FORMAT_LIMIT for too many keys, E_IO for missing files.
 * @example
 * ```ts
 * const store = await openOcdbtStore(new FilePool(root), 'manifest.ocdbt', DEFAULT_LIMITS);
 * ```
 */
export async function openOcdbtStore(pool: FilePool, manifestPath: string, limits: ReadLimits): Promise<OcdbtStore> {
  const manifest = decodeManifest(await pool.readAll(manifestPath, limits.maxHeaderBytes), limits);
  const entries = new Map<string, OcdbtValue>();
  if (!manifest.root) return new OcdbtStore(pool, entries);
  if (manifest.root.height > limits.maxDepth) {
    throw formatError('E_FORMAT_DEPTH', 'The OCDBT B+tree is absurdly tall', {
      expected: `at most ${limits.maxDepth}`,
      found: manifest.root.height,
    });
  }
  const seen = new Set<string>();
  let last: Uint8Array | undefined;
  const walk = async (ref: NodeRef, height: number, prefix: Uint8Array): Promise<void> => {
    const id = `${ref.file.path}@${ref.offset}+${ref.length}`;
    if (seen.has(id))
      throw formatError('E_FORMAT_CORRUPT', 'An OCDBT node is referenced twice', { path: ref.file.path, offset: ref.offset });
    seen.add(id);
    if (ref.length > limits.maxHeaderBytes) {
      throw formatError('E_FORMAT_LIMIT', 'An OCDBT node is larger than allowed', { path: ref.file.path, found: ref.length });
    }
    const node = decodeBtreeNode(await pool.read(ref.file.path, ref.offset, ref.length), ref.file.base, limits);
    if (node.height !== height) {
      throw formatError('E_FORMAT_CORRUPT', 'An OCDBT node has the wrong height', {
        path: ref.file.path,
        offset: ref.offset,
        expected: height,
        found: node.height,
      });
    }
    if ('values' in node) {
      for (let i = 0; i < node.keys.length; i++) {
        const full = concat(prefix, node.keys[i]!);
        if (last && Buffer.compare(last, full) >= 0) {
          throw formatError('E_FORMAT_CORRUPT', 'OCDBT keys are out of order across nodes', { path: ref.file.path, offset: ref.offset });
        }
        last = full;
        let key: string;
        try {
          key = utf8.decode(full);
        } catch {
          throw formatError('E_FORMAT_CORRUPT', 'An OCDBT key is not UTF-8', { path: ref.file.path, offset: ref.offset });
        }
        entries.set(key, node.values[i]!);
        if (entries.size > limits.maxEntries) {
          throw formatError('E_FORMAT_LIMIT', 'The OCDBT database holds more keys than allowed', {
            expected: `at most ${limits.maxEntries}`,
          });
        }
      }
      return;
    }
    for (let i = 0; i < node.children.length; i++) {
      await walk(node.children[i]!, height - 1, concat(prefix, node.keys[i]!.subarray(0, node.commonPrefix[i]!)));
    }
  };
  await walk(manifest.root, manifest.root.height, new Uint8Array(0));
  return new OcdbtStore(pool, entries);
}
