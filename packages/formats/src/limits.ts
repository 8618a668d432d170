/** Bounds every reader enforces so that a hostile file cannot force a crash, hang or huge allocation. */
export interface ReadLimits {
  /** Largest number of bytes one array (or the whole input) may claim. */
  maxArrayBytes: number;
  /** Deepest nesting of maps or arrays. */
  maxDepth: number;
  /** Largest text header (npy, safetensors JSON) in bytes. */
  maxHeaderBytes: number;
  /** Most entries one map, array or archive may hold. */
  maxEntries: number;
}

/**
 * Defaults: 2^40 bytes per array (files are read lazily, so this only rejects absurd claims),
 * depth 64, 100 MB headers (safetensors' own limit), 10 million entries.
 *
 * @example
 * ```ts
 * const limits = { ...DEFAULT_LIMITS, maxDepth: 8 };
 * ```
 */
export const DEFAULT_LIMITS: Readonly<ReadLimits> = Object.freeze({
  maxArrayBytes: 2 ** 40,
  maxDepth: 64,
  maxHeaderBytes: 100_000_000,
  maxEntries: 10_000_000,
});

/**
 * Merges user overrides into {@link DEFAULT_LIMITS}.
 *
 * @example
 * ```ts
 * resolveLimits({ maxDepth: 4 }).maxDepth; // 4
 * ```
 */
export function resolveLimits(overrides: Partial<ReadLimits> = {}): ReadLimits {
  return { ...DEFAULT_LIMITS, ...overrides };
}
