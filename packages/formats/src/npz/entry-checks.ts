import { formatError } from '../errors.js';
import type { ReadLimits } from '../limits.js';

const UNSAFE = new Set(['__proto__', 'constructor', 'prototype']);

/** What the directory of an archive says about one entry. */
export interface NpzEntryInfo {
  /** Entry name. */
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  /** Bytes of (compressed) data. */
  compressedSize: number;
  /** Bytes once inflated. */
  size: number;
}

/**
 * Checks an archive entry before anything is inflated, and records its name in `names`.
 *
 * @throws {InteropError} E_FORMAT_LIMIT for a size over the limit or one deflate cannot reach,
 *   or too many entries; E_FORMAT_UNSAFE_KEY; E_FORMAT_DUPLICATE_KEY.
 */
export function checkNpzEntry(e: NpzEntryInfo, names: Set<string>, limits: ReadLimits): void {
  // Deflate expands at most ~1032:1, so a larger claim is a lie that would force a huge allocation.
  const plausible = e.method === 0 ? e.compressedSize : e.compressedSize * 1032 + 1024;
  if (e.size > Math.min(plausible, limits.maxArrayBytes + 1_000_000)) {
    throw formatError('E_FORMAT_LIMIT', 'An npz entry is larger than the limit', {
      path: e.name,
      found: e.size,
      expected: `at most ${limits.maxArrayBytes} bytes`,
    });
  }
  if (UNSAFE.has(e.name)) throw formatError('E_FORMAT_UNSAFE_KEY', `The entry name "${e.name}" is refused`, { path: e.name });
  if (names.has(e.name)) throw formatError('E_FORMAT_DUPLICATE_KEY', `The archive repeats "${e.name}"`, { path: e.name });
  if (names.size >= limits.maxEntries) throw formatError('E_FORMAT_LIMIT', 'The archive has too many entries', { found: names.size });
  names.add(e.name);
}
