import { BUILTIN_KINDS } from './builtin/index.js';
import type { flattenKind, meanKind, poolKind, reshapeKind, softmaxKind } from './builtin/index.js';
import type { IRNodeOf } from './define-kind.js';

export type { PoolPadding } from './param-types.js';

/**
 * Max or average pooling over the spatial axes of a channels-last input `[...spatial, C]`
 * (`windowShape.length` spatial axes), with `flax.linen` semantics: max pads with `-inf`; avg
 * divides by the whole window (`countIncludePad`) or by the valid elements only.
 */
export type PoolIR = IRNodeOf<typeof poolKind>;

/** Flattens every axis of the unbatched input into one, in channels-last (C-order) order. */
export type FlattenIR = IRNodeOf<typeof flattenKind>;

/** Reshapes the unbatched input to `shape` (at most one `-1`), in C order of the channels-last data. */
export type ReshapeIR = IRNodeOf<typeof reshapeKind>;

/**
 * Mean over `axes` of the unbatched channels-last input (negative axes count from the end);
 * `keepdims` keeps them as size 1. Over the spatial axes it is global average pooling.
 */
export type MeanIR = IRNodeOf<typeof meanKind>;

/** Softmax (or log-softmax, `log`) along `axis` of the unbatched input, as `jax.nn` computes it. */
export type SoftmaxIR = IRNodeOf<typeof softmaxKind>;

/**
 * The built-in stateless kinds (`stateless: true` in their definitions): they hold no tensors, so
 * a framework may write them as layers or as calls, and a forward program may apply them as
 * `{ op }` steps.
 */
export const OP_KINDS: readonly string[] = Object.freeze(
  Object.values(BUILTIN_KINDS)
    .filter((d) => 'stateless' in d && d.stateless === true)
    .map((d) => d.kind),
);
