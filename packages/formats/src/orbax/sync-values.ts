import type { OcdbtValue } from './btree-node.js';
import type { SyncFiles } from './sync-files.js';

/** One stored value, read by positional reads. */
export interface StoredValue {
  /** Its size in bytes. */
  readonly length: number;
  /** Fills `target` with bytes `[offset, offset + target.length)` of the value. */
  read(offset: number, target: Uint8Array): void;
}

/**
 * Synchronous access to the values of an item's key-value store (OCDBT or plain files), for the
 * sources of lazy tensors.
 *
 * @example
 * ```ts
 * const n = values.use('w/0', (v) => v.length);
 * ```
 */
export interface SyncValues {
  /** Runs `fn` on the value of `key` (valid only during the call), or returns `undefined` when absent. */
  use<T>(key: string, fn: (value: StoredValue) => T): T | undefined;
}

/**
 * The values of an OCDBT store: inline ones from memory, the others from their data files.
 *
 * @example
 * ```ts
 * const values = ocdbtValues(store.entries, files);
 * ```
 */
export function ocdbtValues(entries: ReadonlyMap<string, OcdbtValue>, files: SyncFiles): SyncValues {
  return {
    use(key, fn) {
      files.assertOpen(key);
      const v = entries.get(key);
      if (!v) return undefined;
      if ('inline' in v) {
        const bytes = v.inline;
        return fn({ length: bytes.length, read: (offset, target) => target.set(bytes.subarray(offset, offset + target.length)) });
      }
      return fn({ length: v.length, read: (offset, target) => files.read(v.file.path, v.offset + offset, target) });
    },
  };
}

/**
 * The values of an item saved without OCDBT: each key is a file under `prefix`.
 *
 * @example
 * ```ts
 * const values = fileValues(files, '');
 * ```
 */
export function fileValues(files: SyncFiles, prefix: string): SyncValues {
  return {
    use: (key, fn) => files.withFile(prefix + key, (length, read) => fn({ length, read })),
  };
}
