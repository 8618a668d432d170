import type { BatchNormIR, GroupNormIR, LayerNormIR, RMSNormIR, Tensor } from '@interop/core';
import type { DtypeOptions } from './module.js';

/** Keyword arguments of Flax's affine norms (`LayerNorm`, `GroupNorm`, `BatchNorm`). */
export interface FlaxNormOptions extends DtypeOptions {
  /** @default true */
  useBias?: boolean;
  /** @default true */
  useScale?: boolean;
  /** `mean(x²) - mean(x)²` when true, two-pass otherwise. @default true */
  useFastVariance?: boolean;
}

/** Keyword arguments of Flax's `LayerNorm`. */
export interface FlaxLayerNormOptions extends FlaxNormOptions {
  /** @default 1e-6 */
  epsilon?: number;
}

/** Keyword arguments of Flax's `GroupNorm`. */
export interface FlaxGroupNormOptions extends FlaxLayerNormOptions {
  /** @default 32 (Linen drops it when `groupSize` is given; NNX needs null there) */
  numGroups?: number | null;
  /** Channels per group, instead of `numGroups`. @default null */
  groupSize?: number | null;
}

/** Keyword arguments of Flax's `RMSNorm`. */
export interface FlaxRMSNormOptions extends DtypeOptions {
  /** @default 1e-6 */
  epsilon?: number;
  /** @default true */
  useScale?: boolean;
}

/** Keyword arguments of Flax's `BatchNorm`. */
export interface FlaxBatchNormOptions extends FlaxNormOptions {
  /** @default 0.99 */
  momentum?: number;
  /** @default 1e-5 */
  epsilon?: number;
}

/** A norm's fields its IR is made of. */
export interface NormFields {
  /** Added to the variance. */
  readonly epsilon: number;
  /** Fast (`mean(x²) - mean(x)²`) or two-pass variance. */
  readonly useFastVariance: boolean;
}

const affine = (scale: Tensor | undefined, bias: Tensor | undefined) => ({ ...(scale ? { scale } : {}), ...(bias ? { bias } : {}) });
const variance = (norm: NormFields) => (norm.useFastVariance ? 'fast' : 'two-pass') as 'fast' | 'two-pass';

/**
 * The `layer-norm` IR of a Flax `LayerNorm` over its last axis of `features`.
 *
 * @example
 * ```ts
 * layerNormIR(6, this, scale, bias);
 * ```
 */
export function layerNormIR(features: number, norm: NormFields, scale?: Tensor, bias?: Tensor): LayerNormIR {
  return {
    kind: 'layer-norm',
    params: { featureShape: [features], epsilon: norm.epsilon, variance: variance(norm) },
    tensors: affine(scale, bias),
  };
}

/**
 * The `group-norm` IR of a Flax `GroupNorm`: `channels` (last axis) in `numGroups` contiguous groups.
 *
 * @example
 * ```ts
 * groupNormIR(8, 2, this, scale, bias);
 * ```
 */
export function groupNormIR(channels: number, numGroups: number, norm: NormFields, scale?: Tensor, bias?: Tensor): GroupNormIR {
  return {
    kind: 'group-norm',
    params: { channels, numGroups, epsilon: norm.epsilon, variance: variance(norm) },
    tensors: affine(scale, bias),
  };
}

/**
 * The `rms-norm` IR of a Flax `RMSNorm` over its last axis of `features` (Flax's has no bias).
 *
 * @example
 * ```ts
 * rmsNormIR(6, 1e-6, scale);
 * ```
 */
export function rmsNormIR(features: number, epsilon: number, scale?: Tensor): RMSNormIR {
  return { kind: 'rms-norm', params: { featureShape: [features], epsilon }, tensors: scale ? { scale } : {} };
}

/**
 * The `batch-norm` IR of a Flax `BatchNorm`: running `mean` and `var`, then the affine arrays.
 *
 * @example
 * ```ts
 * batchNormIR(3, this, { mean, var: variance, scale, bias });
 * ```
 */
export function batchNormIR(
  channels: number,
  norm: { readonly epsilon: number; readonly momentum: number },
  tensors: { mean: Tensor; var: Tensor; scale?: Tensor | undefined; bias?: Tensor | undefined },
): BatchNormIR {
  return {
    kind: 'batch-norm',
    params: { channels, epsilon: norm.epsilon, momentum: norm.momentum },
    tensors: { mean: tensors.mean, var: tensors.var, ...affine(tensors.scale, tensors.bias) },
  };
}

/**
 * The keyword arguments a Flax norm is built with from a `layer-norm` or `group-norm` IR.
 *
 * @example
 * ```ts
 * new LayerNorm({ ...normOptionsFromIR(ir) });
 * ```
 */
export function normOptionsFromIR(
  ir: LayerNormIR | GroupNormIR,
): Required<Pick<FlaxLayerNormOptions, 'epsilon' | 'useScale' | 'useBias' | 'useFastVariance'>> {
  return {
    epsilon: ir.params.epsilon,
    useScale: ir.tensors.scale !== undefined,
    useBias: ir.tensors.bias !== undefined,
    useFastVariance: ir.params.variance === 'fast',
  };
}
