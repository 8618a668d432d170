/**
 * Decoded chunks kept for the next reads, least recently used dropped first, never more than
 * `maxBytes` in all (a chunk larger than that is never kept).
 *
 * @example
 * ```ts
 * const cache = new ChunkCache(64 << 20);
 * const bytes = cache.get('w/0.0') ?? cache.put('w/0.0', decode());
 * ```
 */
export class ChunkCache {
  private readonly entries = new Map<string, Uint8Array>();
  private bytes = 0;

  constructor(
    /** The most decoded bytes kept. */
    readonly maxBytes: number,
  ) {}

  /** The chunk, marked most recently used, or `undefined`. */
  get(key: string): Uint8Array | undefined {
    const v = this.entries.get(key);
    if (v) {
      this.entries.delete(key);
      this.entries.set(key, v);
    }
    return v;
  }

  /** Keeps a chunk (when it fits), dropping the least recently used ones; returns it. */
  put(key: string, value: Uint8Array): Uint8Array {
    if (value.length > this.maxBytes) return value;
    this.delete(key);
    for (const [k, v] of this.entries) {
      if (this.bytes + value.length <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= v.length;
    }
    this.entries.set(key, value);
    this.bytes += value.length;
    return value;
  }

  /** Drops one chunk. */
  delete(key: string): void {
    const v = this.entries.get(key);
    if (v) {
      this.entries.delete(key);
      this.bytes -= v.length;
    }
  }

  /** Bytes kept now. */
  get size(): number {
    return this.bytes;
  }

  /** Drops everything. */
  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }
}
