import type { IRNodeBase } from './kinds.js';

/**
 * Window padding of a pooling op, as `flax.linen.max_pool`/`avg_pool` take it: a `lax` padding
 * string, or explicit `[low, high]` pairs per window axis.
 */
export type PoolPadding = 'VALID' | 'SAME' | Array<[number, number]>;

/**
 * Max or average pooling over the spatial axes of a channels-last input `[...spatial, C]`
 * (`windowShape.length` spatial axes), with `flax.linen` semantics: max pads with `-inf`; avg
 * divides by the whole window (`countIncludePad`) or by the valid elements only.
 */
export type PoolIR = IRNodeBase<
  'pool',
  { op: 'max' | 'avg'; windowShape: number[]; strides: number[]; padding: PoolPadding; countIncludePad: boolean },
  never
>;

/** Flattens every axis of the unbatched input into one, in channels-last (C-order) order. */
export type FlattenIR = IRNodeBase<'flatten', Record<string, never>, never>;

/** Reshapes the unbatched input to `shape` (at most one `-1`), in C order of the channels-last data. */
export type ReshapeIR = IRNodeBase<'reshape', { shape: number[] }, never>;

/**
 * Mean over `axes` of the unbatched channels-last input (negative axes count from the end);
 * `keepdims` keeps them as size 1. Over the spatial axes it is global average pooling.
 */
export type MeanIR = IRNodeBase<'mean', { axes: number[]; keepdims: boolean }, never>;

/** Softmax (or log-softmax, `log`) along `axis` of the unbatched input, as `jax.nn` computes it. */
export type SoftmaxIR = IRNodeBase<'softmax', { axis: number; log: boolean }, never>;

/**
 * The stateless kinds a forward program may apply as functions (besides `activation` and
 * `dropout`): they hold no tensors, so a framework may write them as layers or as calls.
 */
export const OP_KINDS: readonly string[] = Object.freeze(['activation', 'dropout', 'pool', 'flatten', 'reshape', 'mean', 'softmax']);
