/**
 * `@interop/flax`: what Flax Linen and Flax NNX share, written once for `@interop/linen` and
 * `@interop/nnx`: the Module base, activations, argument checks, spec tables, conv, norm and
 * LSTM/GRU gate helpers, and the msgpack tree walk.
 *
 * @packageDocumentation
 * @module @interop/flax
 */
export { activationModule, namedActivations } from './activation.js';
export type { ActivationClass, ActivationMembers, ActivationOptions, NamedActivations } from './activation.js';
export { flaxArgs, required } from './args.js';
export type { FlaxCall } from './args.js';
export { convIR, convPadding, paddingFromIR, perAxis } from './conv.js';
export type { ConvFields, FlaxPadding } from './conv.js';
export { GRU_GATES, LSTM_GATES, gruGates, lstmCellIR, lstmGates } from './gates.js';
export type { GateBlocks } from './gates.js';
export { FlaxModule, resultDtype } from './module.js';
export { CELL_SHARED_PARAMS } from './modules/cell-params.js';
export { CONV_SHARED_MODELLED, CONV_SHARED_PARAMS, convModule, setConvFields } from './modules/conv-module.js';
export type { ConvFieldOptions, ConvMembers, ConvModuleClass } from './modules/conv-module.js';
export { LINEAR_SHARED_PARAMS, linearIR } from './modules/linear-module.js';
export { NORM_SHARED_MODELLED, NORM_SHARED_PARAMS, normModule, setNormFields } from './modules/norm-module.js';
export type { NormMembers, NormModuleClass } from './modules/norm-module.js';
export type { DtypeOptions } from './module.js';
export { treeFromMsgpack, treeToMsgpack } from './msgpack-tree.js';
export type { ArrayTree } from './msgpack-tree.js';
export { batchNormIR, groupNormIR, layerNormIR, normOptionsFromIR, rmsNormIR } from './norm.js';
export type {
  FlaxBatchNormOptions,
  FlaxGroupNormOptions,
  FlaxLayerNormOptions,
  FlaxNormOptions,
  FlaxRMSNormOptions,
  NormFields,
} from './norm.js';
export { activationLayerSpec } from './spec/activation-spec.js';
export { ACTIVATION_FIELDS, CONV_FIELDS, DTYPE_FIELDS, NORM_FIELDS, needed, optional } from './spec/fields.js';
export type { SpecField, SpecFields } from './spec/fields.js';
export { atValues } from './spec/layer-spec.js';
export { convArgs, convSpecArgs, normArgs, normSpecArgs } from './spec/layer-args.js';
export type { ConvArgs, NormArgs } from './spec/layer-args.js';
export type { LayerSpec, SpecContext, SpecTable } from './spec/layer-spec.js';
export { layerListProblems } from './spec/layer-list.js';
export type { LayerList } from './spec/layer-list.js';
export { createSpecs } from './spec/specs.js';
export type { SpecContainer, Specs, SpecsOptions } from './spec/specs.js';
export { bad, bool, dtype, need, num, sizes } from './spec/values.js';
export type { ModuleSpec } from './spec/values.js';
