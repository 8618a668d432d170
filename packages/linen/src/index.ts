/**
 * `@interop/linen`: Flax Linen: modules, init/apply and variables files.
 *
 * @packageDocumentation
 * @module @interop/linen
 */
import { definePlugin } from '@interop/core';
import { linenAdapter } from './adapter.js';
import { linenFiles } from './files-part.js';
import { mappings, specs } from './mappings/index.js';
import pkg from '../package.json' with { type: 'json' };

export { LinenNode, linenAdapter } from './adapter.js';
export { Module } from './module.js';
export type { AnyModule } from './module.js';
export { Activation, elu, gelu, geluExact, leakyRelu, relu, sigmoid, silu, softplus, tanh } from './modules/activation.js';
export type { ActivationOptions } from './modules/activation.js';
export { BatchNorm } from './modules/batch-norm.js';
export type { BatchNormOptions } from './modules/batch-norm.js';
export { Conv } from './modules/conv.js';
export type { ConvOptions, LinenPadding } from './modules/conv.js';
export { Dense } from './modules/dense.js';
export type { DenseOptions } from './modules/dense.js';
export { Embed } from './modules/embed.js';
export { Dropout } from './modules/dropout.js';
export type { DropoutOptions } from './modules/dropout.js';
export { GRUCell } from './modules/gru-cell.js';
export { GroupNorm } from './modules/group-norm.js';
export type { GroupNormOptions } from './modules/group-norm.js';
export { LSTMCell } from './modules/lstm-cell.js';
export type { LSTMCarry } from './modules/lstm-cell.js';
export { LayerNorm } from './modules/layer-norm.js';
export type { LayerNormOptions } from './modules/layer-norm.js';
export { RMSNorm } from './modules/rms-norm.js';
export type { RMSNormOptions } from './modules/rms-norm.js';
export { ModuleTree } from './modules/module-tree.js';
export type { TreeChild } from './modules/module-tree.js';
export { Sequential } from './modules/sequential.js';
export { inferArchitecture } from './infer.js';
export type { InferredArchitecture } from './infer.js';
export { moduleFromSpec } from './spec.js';
export type { LinenArrays, LinenLayerSpec } from './layer-spec.js';
export { moduleToSpec } from './to-spec.js';
export type { ModuleSpec } from './spec.js';
export type { ModuleTreeSpec } from './tree-spec.js';
export { readVariablesSafetensors, writeVariablesSafetensors } from './safetensors.js';
export { LinenRngScope, createLinenScope, linenFoldStatic, linenParamKey } from './rng-scope.js';
export type { LinenFoldOptions } from './rng-scope.js';
export { leaf, readVariables, requireParams, writeVariables } from './variables.js';
export type { Variables, VariableTree } from './variables.js';
export { mappings, specs };

/**
 * The Flax Linen plugin; register it with `createRegistry().use(linen)`.
 *
 * @example
 * ```ts
 * const ir = createRegistry().use(linen).toIR([new Dense(8), variables], 'linen', { sampleInput: [4] });
 * ```
 */
const linen = definePlugin({
  meta: { name: '@interop/linen', version: pkg.version, framework: 'linen', title: 'Linen' },
  adapter: linenAdapter,
  mappings,
  files: linenFiles,
});

export default linen;
export { linen };
