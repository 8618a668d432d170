import type { Tensor } from '../tensor/tensor.js';
import type {
  activationKind,
  batchNormKind,
  convKind,
  dropoutKind,
  embeddingKind,
  groupNormKind,
  gruCellChoKind,
  gruCellKind,
  layerNormKind,
  linearKind,
  lstmCellKind,
  rmsNormKind,
  sequentialKind,
} from './builtin/index.js';
import { BUILTIN_KINDS } from './builtin/index.js';
import type { IRNodeOf } from './define-kind.js';
import type { ModuleIR } from './module.js';
import type { FlattenIR, MeanIR, PoolIR, ReshapeIR, SoftmaxIR } from './ops.js';

export type { ActivationFn } from './activations.js';
export type { ConvPadding, PaddingMode, VarianceMode } from './param-types.js';

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
export type LinearIR = IRNodeOf<typeof linearKind>;

/** Embedding lookup. embedding `[numEmbeddings, features]`. */
export type EmbeddingIR = IRNodeOf<typeof embeddingKind>;

/**
 * N-d convolution (1-3 spatial dims), channels-last. kernel `[...kernelSize, in/groups, out]`
 * (HWIO), bias `[out]`. `inputDilation` is the lhs dilation (transposed-style), `kernelDilation`
 * the rhs dilation (atrous); 1 means none.
 */
export type ConvIR = IRNodeOf<typeof convKind>;

/**
 * Layer norm over the trailing `featureShape` axes (channels-last order).
 * scale/bias have shape `featureShape`. `y = (x - mean) / sqrt(var + epsilon) * scale + bias`.
 */
export type LayerNormIR = IRNodeOf<typeof layerNormKind>;

/**
 * RMS norm over the trailing `featureShape` axes. `y = x / sqrt(mean(x²) + epsilon) * scale + bias`
 * (bias only in Equinox).
 */
export type RMSNormIR = IRNodeOf<typeof rmsNormKind>;

/**
 * Group norm, channels-last: channels (last axis) split into `numGroups` contiguous groups;
 * statistics over all spatial axes and the channels of a group. scale/bias `[channels]`.
 */
export type GroupNormIR = IRNodeOf<typeof groupNormKind>;

/**
 * Batch norm in inference mode, channels-last: `y = (x - mean) / sqrt(var + epsilon) * scale + bias`.
 * All tensors `[channels]`; `mean`/`var` are the running statistics.
 */
export type BatchNormIR = IRNodeOf<typeof batchNormKind>;

/** Dropout; identity in inference. `rate` is the drop probability. */
export type DropoutIR = IRNodeOf<typeof dropoutKind>;

/**
 * LSTM cell. inputKernel `[in, 4h]`, hiddenKernel `[h, 4h]`, bias `[4h]`, gate blocks in order
 * i, f, g, o. `c' = σ(f)·c + σ(i)·tanh(g)`, `h' = σ(o)·tanh(c')`; the forget bias is stored as the
 * effective value (no implicit +1).
 */
export type LSTMCellIR = IRNodeOf<typeof lstmCellKind>;

/**
 * GRU cell, cuDNN variant (Flax, Equinox): reset applied after the hidden matmul.
 * inputKernel `[in, 3h]`, hiddenKernel `[h, 3h]` in blocks r, z, n; bias `[3h]` (input side);
 * hiddenBiasN `[h]`. `n = tanh(x·W_n + b_n + r·(h·U_n + hiddenBiasN))`, `h' = (1-z)·n + z·h`.
 */
export type GRUCellIR = IRNodeOf<typeof gruCellKind>;

/**
 * GRU cell, Cho-2014 variant (BrainState): reset applied to h before the candidate matmul.
 * gateKernel `[in+h, 2h]` (blocks r, z), gateBias `[2h]`, candidateKernel `[in+h, h]`,
 * candidateBias `[h]`. `h~ = tanh([x, r·h]·Wc + bc)`, `h' = (1-z)·h + z·h~`.
 * A separate kind from `gru-cell` so the two can never be converted into each other.
 */
export type GRUCellChoIR = IRNodeOf<typeof gruCellChoKind>;

/** An activation applied elementwise. `alpha` is elu's alpha or leaky_relu's negative slope. */
export type ActivationIR = IRNodeOf<typeof activationKind>;

/** A stack of layers applied in order. */
export interface SequentialIR extends IRNodeOf<typeof sequentialKind> {
  /** The layers, in forward order. */
  layers: LayerIR[];
}

/**
 * The registry of IR kinds, each entry the node type of a kind definition. Third parties add
 * kinds by augmentation, next to the `defineKind` they register in their plugin's `kinds`:
 * `declare module '@interop/core' { interface IRKinds { scale: IRNodeOf<typeof scaleKind> } }`.
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

/** The built-in kinds, in documentation order (the keys of `BUILTIN_KINDS`). */
export const BUILTIN_IR_KINDS: readonly IRKind[] = Object.freeze(Object.keys(BUILTIN_KINDS) as IRKind[]);
