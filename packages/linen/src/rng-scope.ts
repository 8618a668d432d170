import { InteropError } from '@interop/core';
import { foldIn, sha1, toKeyArray } from '@interop/runtime';
import type { KeyArray, KeyLike } from '@interop/runtime';

/** Keyword arguments of {@link linenFoldStatic}. */
export interface LinenFoldOptions {
  /** Flax's `flax_fix_rng_separator` config (default false in flax 0.12.8): a 0 byte before each part. */
  fixSeparator?: boolean;
}

function intBytes(n: number): number[] {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new InteropError('E_INVALID_ARGUMENT', 'Linen rng suffix integers must be non-negative', { found: n });
  }
  const out: number[] = [];
  for (let x = n; x > 0; x = Math.floor(x / 256)) out.unshift(x % 256);
  return out;
}

/**
 * Flax Linen's `LazyRng` folding: SHA-1 of the static parts (strings as UTF-8, integers as
 * minimal big-endian bytes, 0 as no bytes), first 4 digest bytes as a big-endian uint32,
 * folded into `root` with one `foldIn`. No parts returns `root`.
 *
 * @example
 * ```ts
 * linenFoldStatic(key(0), ['layers_0', 1]); // Sequential's first Dense kernel key
 * ```
 */
export function linenFoldStatic(root: KeyLike, parts: ReadonlyArray<string | number>, options: LinenFoldOptions = {}): KeyArray {
  const k = toKeyArray(root);
  if (parts.length === 0) return k;
  const bytes: number[] = [];
  const utf8 = new TextEncoder();
  for (const p of parts) {
    if (options.fixSeparator) bytes.push(0);
    if (typeof p === 'string') bytes.push(...utf8.encode(p));
    else bytes.push(...intBytes(p));
  }
  const d = sha1(Uint8Array.from(bytes));
  const word = ((d[0]! << 24) | (d[1]! << 16) | (d[2]! << 8) | d[3]!) >>> 0;
  return foldIn(k, word);
}

/**
 * The key Linen's `init` hands to a parameter initialiser: `path` is the module path under the
 * root (`[]` for the top module, `['layers_0']`, `['Dense_0', 'ii']`, ...), `index` the 1-based
 * number of `make_rng('params')` calls in that module so far. The parameter *name* plays no
 * part: `kernel` then `bias` get indices 1 and 2.
 *
 * @example
 * ```ts
 * linenParamKey(key(0), [], 1); // nn.Dense(8).init(key(0), x) kernel key
 * ```
 */
export function linenParamKey(root: KeyLike, path: readonly string[], index = 1, options?: LinenFoldOptions): KeyArray {
  return linenFoldStatic(root, [...path, index], options);
}

/**
 * A Linen scope's rng bookkeeping: per-stream counters, children by name (a child asked for
 * twice shares its counters, as Linen's `push(reuse=True)` does). The root key is never
 * advanced; every key is `linenFoldStatic(root, [...path, counter])`.
 *
 * @example
 * ```ts
 * const root = createLinenScope(key(0));
 * const dense = root.child('layers_0');
 * const kernelKey = dense.makeRng(); // == linenParamKey(key(0), ['layers_0'], 1)
 * ```
 */
export class LinenRngScope {
  /** The key passed to `init` for this stream set, by stream name. */
  readonly roots: ReadonlyMap<string, KeyArray>;
  /** Module path from the root. */
  readonly path: readonly string[];
  private readonly counters = new Map<string, number>();
  private readonly children = new Map<string, LinenRngScope>();
  private readonly options: LinenFoldOptions;

  constructor(roots: Record<string, KeyLike>, path: readonly string[] = [], options: LinenFoldOptions = {}) {
    this.roots = new Map(Object.entries(roots).map(([n, k]) => [n, toKeyArray(k)]));
    this.path = Object.freeze([...path]);
    this.options = options;
  }

  /** The child scope `name` (created once, then reused). */
  child(name: string): LinenRngScope {
    let c = this.children.get(name);
    if (!c) {
      c = new LinenRngScope(Object.fromEntries(this.roots), [...this.path, name], this.options);
      this.children.set(name, c);
    }
    return c;
  }

  /**
   * `scope.make_rng(name)`: falls back to `params` when the stream is missing, like Linen.
   *
   * @throws {InteropError} E_INVALID_ARGUMENT when neither stream exists.
   */
  makeRng(name = 'params'): KeyArray {
    const stream = this.roots.has(name) ? name : 'params';
    const root = this.roots.get(stream);
    if (!root) {
      throw new InteropError('E_INVALID_ARGUMENT', `Linen scope needs PRNG for "${name}"`, {
        found: [...this.roots.keys()],
      });
    }
    const n = (this.counters.get(stream) ?? 0) + 1;
    this.counters.set(stream, n);
    return linenFoldStatic(root, [...this.path, n], this.options);
  }
}

/**
 * The root scope of `module.init(rngs, ...)`: a single key means `{ params: key }`.
 *
 * @example
 * ```ts
 * const scope = createLinenScope(key(0));
 * scope.makeRng(); // top module's first param key
 * ```
 */
export function createLinenScope(rngs: KeyLike | Record<string, KeyLike>, options?: LinenFoldOptions): LinenRngScope {
  const single = Array.isArray(rngs) || ArrayBuffer.isView(rngs) || 'typed' in (rngs as object);
  return new LinenRngScope(single ? { params: rngs as KeyLike } : (rngs as Record<string, KeyLike>), [], options);
}
