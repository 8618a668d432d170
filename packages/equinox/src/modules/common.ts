import { InteropError } from '@interop/core';
import type { KeyLike } from '@interop/runtime';
import type { FloatDType } from '@interop/runtime';

/** The `key=` keyword every randomly initialised layer takes. */
export interface KeyOption {
  /** `jax.random.key(seed)` or a raw `PRNGKey`; keyword-only and required, as in Equinox. */
  key: KeyLike;
}

/** The `dtype` argument of a layer's constructor. */
export interface DtypeOption {
  /** dtype of the layer's arrays. @default 'float32' */
  dtype?: FloatDType | null;
}

/** Options of a module's call (`key` is ignored by deterministic layers, as in Equinox). */
export interface CallOptions {
  key?: KeyLike | null;
}

/**
 * The constructor's key, or Equinox's error for a missing one.
 *
 * @throws {InteropError} E_INVALID_ARGUMENT when no key was given.
 * @example
 * ```ts
 * const k = requireKey('Linear', options);
 * ```
 */
export function requireKey(layer: string, options: Partial<KeyOption>): KeyLike {
  if (options.key === undefined || options.key === null) {
    throw new InteropError('E_INVALID_ARGUMENT', `${layer} needs the keyword argument key (e.g. { key: key(0) }), as in Equinox`);
  }
  return options.key;
}

/**
 * A module built from its fields without running the constructor (how `fromIR` and
 * `tree_at`-style updates make layers from existing arrays).
 *
 * @example
 * ```ts
 * const linear = assemble(Linear, { weight, bias, inFeatures: 3, outFeatures: 5, useBias: true });
 * ```
 */
export function assemble<T extends object>(cls: { prototype: T }, fields: Partial<T> & Record<string, unknown>): T {
  const m = Object.create(cls.prototype as object) as T;
  Object.assign(m, fields);
  return Object.freeze(m);
}

/**
 * `_ntuple(n)`: an int repeated per spatial axis, or a sequence of exactly `n` entries.
 *
 * @throws {InteropError} E_INVALID_ARGUMENT for a sequence of another length.
 * @example
 * ```ts
 * ntuple(3, 2, 'kernel_size'); // [3, 3]
 * ```
 */
export function ntuple(v: number | readonly number[], n: number, name: string): number[] {
  if (typeof v === 'number') return Array<number>(n).fill(v);
  if (v.length !== n)
    throw new InteropError('E_INVALID_ARGUMENT', `Length of ${name} [${v.join(', ')}] (length = ${v.length}) is not equal to ${n}`);
  return [...v];
}
