import { formatError } from '../errors.js';
import type { ReadLimits } from '../limits.js';
import type { ByteCursor } from './byte-cursor.js';
import { checkRelativePath } from './safe-path.js';

/** One data file an OCDBT object refers to, with its path relative to the database directory. */
export interface DataFile {
  /** Path from the database directory (`d/<hex>`, `ocdbt.process_0/d/<hex>`). */
  path: string;
  /** The transitive path that objects read from this file use for their own tables. */
  base: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a data file table (count, prefix lengths, suffix lengths, base path lengths, suffixes)
 * and resolves each entry against the transitive path of the object it is in. Paths that leave the
 * database directory (`..`, absolute paths, backslashes, NUL) are refused.
 *
 * @throws {InteropError} E_FORMAT_CORRUPT for inconsistent lengths or unsafe paths;
 *   E_FORMAT_LIMIT for more entries than `limits.maxEntries`.
 * @example
 * ```ts
 * const files = readDataFileTable(cursor, '', DEFAULT_LIMITS); // [{ path: 'd/67a6…', base: '' }]
 * ```
 */
export function readDataFileTable(c: ByteCursor, transitive: string, limits: ReadLimits): DataFile[] {
  const n = c.varint();
  if (n > limits.maxEntries || n > c.remaining) {
    throw formatError('E_FORMAT_LIMIT', `The ${c.what} claims ${n} data files`, {
      offset: c.pos,
      expected: `at most ${Math.min(limits.maxEntries, c.remaining)}`,
    });
  }
  const prefix = [0];
  for (let i = 1; i < n; i++) prefix.push(c.varint());
  const suffix: number[] = [];
  for (let i = 0; i < n; i++) suffix.push(c.varint());
  const baseLength: number[] = [];
  for (let i = 0; i < n; i++) baseLength.push(c.varint());
  const out: DataFile[] = [];
  let prev = new Uint8Array(0);
  for (let i = 0; i < n; i++) {
    if (prefix[i]! > prev.length) c.corrupt('a data file path shares more bytes than its predecessor has');
    const tail = c.take(suffix[i]!);
    const bytes = new Uint8Array(prefix[i]! + tail.length);
    bytes.set(prev.subarray(0, prefix[i]!));
    bytes.set(tail, prefix[i]!);
    if (baseLength[i]! > bytes.length) c.corrupt('a base path is longer than its path');
    let name: string;
    try {
      name = utf8.decode(bytes);
    } catch {
      return c.corrupt('a data file path is not UTF-8');
    }
    const base = utf8.decode(bytes.subarray(0, baseLength[i]!));
    const path = checkRelativePath(transitive + name, c.what);
    out.push({ path, base: transitive + base });
    prev = bytes;
  }
  return out;
}
