/**
 * The key-value view of an Orbax item: OCDBT keys, or plain files under the item directory.
 *
 * @example
 * ```ts
 * const zarray = await store.get('params.w/.zarray', 1 << 20);
 * ```
 */
export interface KvStore {
  /** `'ocdbt'` or `'files'`. */
  readonly kind: 'ocdbt' | 'files';
  /**
   * The value of a key, or `undefined` when absent.
   *
   * @throws {InteropError} E_FORMAT_LIMIT when the value is larger than `maxBytes`.
   */
  get(key: string, maxBytes: number): Promise<Uint8Array | undefined>;
  /** Every key (only the OCDBT store lists keys). */
  keys?(): string[];
}
