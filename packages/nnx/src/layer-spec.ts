import { InteropError, Tensor } from '@interop/core';
import type { LayerSpec } from '@interop/flax';
import type { PureDict } from './graph.js';
import type { AnyModule } from './module.js';
import type { Rngs } from './rngs.js';

/** What an NNX spec entry's `read` gets: the `nnx.Rngs` its weights come from (and, for containers, how to seed children). */
export interface NnxSpecContext {
  /** The Rngs the layer draws from: the shared one of a `Module`, else `nnx.Rngs(seed)`. */
  rngs: Rngs;
  /** The seed of this spec's own `nnx.Rngs` (a Sequential's layer `i` gets `seed + i + 1`). */
  seed: number;
  /** The one Rngs a `Module`'s children share, in declaration order. */
  shared: Rngs | undefined;
}

/**
 * An NNX layer's entry in the spec table (`specs`, beside `mappings`): the spec types it reads,
 * and how it is read, written and inferred from a state tree (whose values are loaded after).
 *
 * @example
 * ```ts
 * specs.Linear.write(new Linear(3, 5, { rngs })); // { type: 'Linear', in_features: 3, out_features: 5, use_bias: true }
 * ```
 */
export type NnxLayerSpec<M extends AnyModule = AnyModule> = LayerSpec<M, NnxSpecContext, PureDict>;

/**
 * The array at `key` of a state tree, or undefined.
 *
 * @example
 * ```ts
 * leafOf(tree, 'kernel');
 * ```
 */
export function leafOf(tree: PureDict | undefined, key: string): Tensor | undefined {
  const v = tree?.[key];
  return v instanceof Tensor ? v : undefined;
}

/**
 * The subtree at `key` of a state tree, or undefined.
 *
 * @example
 * ```ts
 * subtreeOf(tree, 'layers');
 * ```
 */
export function subtreeOf(tree: PureDict, key: string): PureDict | undefined {
  const v = tree[key];
  return v === undefined || v instanceof Tensor ? undefined : v;
}

/**
 * Refuses to infer the module at `at`, saying why.
 *
 * @throws {InteropError} E_MISSING_ARCH, always.
 * @example
 * ```ts
 * missing('(root)', tree, 'no layer stores these names');
 * ```
 */
export function missing(at: string, tree: PureDict, why: string): never {
  throw new InteropError('E_MISSING_ARCH', `cannot tell the NNX module at ${at} from its state: ${why}; pass a spec`, {
    found: Object.keys(tree).join(', ') || '(none)',
  });
}

/** The dtype arguments of every NNX layer that has params. */
export const DTYPE_ARGS = ['dtype', 'param_dtype'] as const;

/** The arguments NNX's affine norms share. */
export const NORM_ARGS = ['num_features', 'epsilon', 'use_bias', 'use_scale', 'use_fast_variance', ...DTYPE_ARGS] as const;
