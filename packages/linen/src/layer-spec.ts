import type { LayerSpec } from '@interop/flax';
import type { AnyModule } from './module.js';
import type { VariableTree } from './variables.js';

/** What a Linen layer's stored arrays are, for inference: its `params` and `batch_stats` subtrees. */
export interface LinenArrays {
  /** The layer's `params`. */
  params: VariableTree;
  /** The layer's `batch_stats`, if any. */
  stats: VariableTree | undefined;
}

/**
 * A Linen layer's entry in the spec table (`specs`, beside `mappings`): the spec types it reads,
 * and how it is read, written and inferred from its variables.
 *
 * @example
 * ```ts
 * specs.Dense.write(new Dense(8)); // { type: 'Dense', features: 8, use_bias: true }
 * ```
 */
export type LinenLayerSpec<M extends AnyModule = AnyModule> = LayerSpec<M, object, LinenArrays>;
