import type { FilePool } from './file-pool.js';
import type { KvStore } from './kv-store.js';

/**
 * The key-value store of an item saved without OCDBT: each key is a file under the item directory.
 *
 * @example
 * ```ts
 * const zarray = await new FileStore(pool, '').get('w/.zarray', 1 << 20);
 * ```
 */
export class FileStore implements KvStore {
  readonly kind = 'files' as const;

  constructor(
    private readonly pool: FilePool,
    /** The item directory relative to the pool root (`''` or `default/`). */
    readonly prefix: string,
  ) {}

  /** The file's bytes, or `undefined` when it does not exist. */
  async get(key: string, maxBytes: number): Promise<Uint8Array | undefined> {
    return this.pool.readOnce(this.prefix + key, maxBytes);
  }
}
