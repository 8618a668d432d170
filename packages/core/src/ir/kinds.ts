import type { Tensor } from '../tensor/tensor.js';
import type { ModuleIR } from './module.js';
import type { FlattenIR, MeanIR, PoolIR, ReshapeIR, SoftmaxIR } from './ops.js';

/**
 * Fields every layer IR carries. `params` are JSON hyperparameters; `tensors` hold the weights in
 * the kind's canonical layout (documented in `docs/ir/<kind>.md`). All shapes are unbatched and
 * channels-last.
 */
export interface IRNodeBase<K extends string, P extends object, T extends string> {
  /** The IR kind, e.g. `'linear'`. */
  kind: K;
  /** Hyperparameters, JSON-serialisable. */
  params: P;
  /** Named weights in canonical layout; optional ones may be absent. */
  tensors: { [name in T]?: Tensor };
  /** Unbatched channels-last input shape, when the engine knows it. */
  inputShape?: number[];
  /** Where the node came from, for error messages. */
  origin?: { framework: string; layer: string; path: string };
}

/** Dense layer: `y = x @ kernel + bias`. kernel `[in, out]`, bias `[out]`. */
export type LinearIR = IRNodeBase<'linear', { inFeatures: number; outFeatures: number }, 'kernel' | 'bias'>;

/** Embedding lookup. embedding `[numEmbeddings, features]`. */
export type EmbeddingIR = IRNodeBase<'embedding', { numEmbeddings: number; features: number }, 'embedding'>;

/**
 * Convolution padding. A string follows `lax` semantics (`'SAME'` puts the odd pad at the end,
 * `'SAME_LOWER'` at the start, `'CAUSAL'` pads `(k-1)*dilation` on the left of a 1-D conv), or
 * explicit `[low, high]` pairs per spatial axis.
 */
export type ConvPadding = 'SAME' | 'SAME_LOWER' | 'VALID' | 'CAUSAL' | Array<[number, number]>;

/**
 * How padded positions are filled: zeros, or wrapped (`circular`), mirrored without the edge
 * (`reflect`, numpy `reflect`), or repeated edge values (`replicate`, numpy `edge`).
 */
export type PaddingMode = 'zeros' | 'circular' | 'reflect' | 'replicate';

/**
 * N-d convolution (1-3 spatial dims), channels-last. kernel `[...kernelSize, in/groups, out]`
 * (HWIO), bias `[out]`.
 */
export type ConvIR = IRNodeBase<
  'conv',
  {
    inFeatures: number;
    outFeatures: number;
    kernelSize: number[];
    strides: number[];
    padding: ConvPadding;
    paddingMode: PaddingMode;
    /** lhs dilation (transposed-style); 1 = none. */
    inputDilation: number[];
    /** rhs dilation (atrous); 1 = none. */
    kernelDilation: number[];
    featureGroups: number;
  },
  'kernel' | 'bias'
>;

/**
 * How a norm computes the variance: `fast` is `max(0, mean(x²) - mean(x)²)` (Flax default),
 * `two-pass` is `mean((x - mean(x))²)` (Equinox, BrainState).
 */
export type VarianceMode = 'fast' | 'two-pass';

/**
 * Layer norm over the trailing `featureShape` axes (channels-last order).
 * scale/bias have shape `featureShape`. `y = (x - mean) / sqrt(var + epsilon) * scale + bias`.
 */
export type LayerNormIR = IRNodeBase<
  'layer-norm',
  { featureShape: number[]; epsilon: number; variance: VarianceMode },
  'scale' | 'bias'
>;

/**
 * RMS norm over the trailing `featureShape` axes. `y = x / sqrt(mean(x²) + epsilon) * scale + bias`
 * (bias only in Equinox).
 */
export type RMSNormIR = IRNodeBase<'rms-norm', { featureShape: number[]; epsilon: number }, 'scale' | 'bias'>;

/**
 * Group norm, channels-last: channels (last axis) split into `numGroups` contiguous groups;
 * statistics over all spatial axes and the channels of a group. scale/bias `[channels]`.
 */
export type GroupNormIR = IRNodeBase<
  'group-norm',
  { channels: number; numGroups: number; epsilon: number; variance: VarianceMode },
  'scale' | 'bias'
>;

/**
 * Batch norm in inference mode, channels-last: `y = (x - mean) / sqrt(var + epsilon) * scale + bias`.
 * All tensors `[channels]`; `mean`/`var` are the running statistics.
 */
export type BatchNormIR = IRNodeBase<
  'batch-norm',
  { channels: number; epsilon: number; momentum: number },
  'mean' | 'var' | 'scale' | 'bias'
>;

/** Dropout; identity in inference. `rate` is the drop probability. */
export type DropoutIR = IRNodeBase<'dropout', { rate: number }, never>;

/**
 * LSTM cell. inputKernel `[in, 4h]`, hiddenKernel `[h, 4h]`, bias `[4h]`, gate blocks in order
 * i, f, g, o. `c' = σ(f)·c + σ(i)·tanh(g)`, `h' = σ(o)·tanh(c')`; the forget bias is stored as the
 * effective value (no implicit +1).
 */
export type LSTMCellIR = IRNodeBase<
  'lstm-cell',
  { inputSize: number; hiddenSize: number },
  'inputKernel' | 'hiddenKernel' | 'bias'
>;

/**
 * GRU cell, cuDNN variant (Flax, Equinox): reset applied after the hidden matmul.
 * inputKernel `[in, 3h]`, hiddenKernel `[h, 3h]` in blocks r, z, n; bias `[3h]` (input side);
 * hiddenBiasN `[h]`. `n = tanh(x·W_n + b_n + r·(h·U_n + hiddenBiasN))`, `h' = (1-z)·n + z·h`.
 */
export type GRUCellIR = IRNodeBase<
  'gru-cell',
  { inputSize: number; hiddenSize: number },
  'inputKernel' | 'hiddenKernel' | 'bias' | 'hiddenBiasN'
>;

/**
 * GRU cell, Cho-2014 variant (BrainState): reset applied to h before the candidate matmul.
 * gateKernel `[in+h, 2h]` (blocks r, z), gateBias `[2h]`, candidateKernel `[in+h, h]`,
 * candidateBias `[h]`. `h~ = tanh([x, r·h]·Wc + bc)`, `h' = (1-z)·h + z·h~`.
 * A separate kind from `gru-cell` so the two can never be converted into each other.
 */
export type GRUCellChoIR = IRNodeBase<
  'gru-cell-cho',
  { inputSize: number; hiddenSize: number },
  'gateKernel' | 'gateBias' | 'candidateKernel' | 'candidateBias'
>;

/** Elementwise activation functions a stack may hold. */
export type ActivationFn =
  | 'identity'
  | 'relu'
  | 'gelu'
  | 'gelu_tanh'
  | 'silu'
  | 'tanh'
  | 'sigmoid'
  | 'softplus'
  | 'elu'
  | 'leaky_relu';

/** An activation applied elementwise. `alpha` is elu's alpha or leaky_relu's negative slope. */
export type ActivationIR = IRNodeBase<'activation', { fn: ActivationFn; alpha?: number }, never>;

/** A stack of layers applied in order. */
export interface SequentialIR extends IRNodeBase<'sequential', Record<string, never>, never> {
  /** The layers, in forward order. */
  layers: LayerIR[];
}

/**
 * The registry of IR kinds. Third parties add kinds by augmentation:
 * `declare module '@interop/core' { interface IRKinds { 'scale': ScaleIR } }`.
 */
export interface IRKinds {
  linear: LinearIR;
  embedding: EmbeddingIR;
  conv: ConvIR;
  'layer-norm': LayerNormIR;
  'rms-norm': RMSNormIR;
  'group-norm': GroupNormIR;
  'batch-norm': BatchNormIR;
  dropout: DropoutIR;
  'lstm-cell': LSTMCellIR;
  'gru-cell': GRUCellIR;
  'gru-cell-cho': GRUCellChoIR;
  activation: ActivationIR;
  pool: PoolIR;
  flatten: FlattenIR;
  reshape: ReshapeIR;
  mean: MeanIR;
  softmax: SoftmaxIR;
  sequential: SequentialIR;
  module: ModuleIR;
}

/** Name of an IR kind. */
export type IRKind = keyof IRKinds;

/** Any layer IR. */
export type LayerIR = IRKinds[IRKind];

/** The IR of one kind. */
export type IRFor<K extends IRKind> = IRKinds[K];

/** The built-in kinds, in documentation order. */
export const BUILTIN_IR_KINDS: readonly IRKind[] = Object.freeze([
  'linear',
  'embedding',
  'conv',
  'layer-norm',
  'rms-norm',
  'group-norm',
  'batch-norm',
  'dropout',
  'lstm-cell',
  'gru-cell',
  'gru-cell-cho',
  'activation',
  'pool',
  'flatten',
  'reshape',
  'mean',
  'softmax',
  'sequential',
  'module',
]);
