/**
 * `@interop/nnx`: Flax NNX: modules, Rngs, state and msgpack/safetensors state files.
 *
 * @packageDocumentation
 * @module @interop/nnx
 */
import { definePlugin } from '@interop/core';
import { nnxAdapter } from './adapter.js';
import { nnxFiles } from './files-part.js';
import { mappings, specs } from './mappings/index.js';
import pkg from '../package.json' with { type: 'json' };

export { nnxAdapter } from './adapter.js';
export { Module } from './module.js';
export type { AnyModule } from './module.js';
export { BatchStat, Param, Variable } from './variables.js';
export { Rngs } from './rngs.js';
export { RngStream } from './rng-stream.js';
export { GraphDef, flatState, merge, replaceByPureDict, split, state, toPureDict, update } from './graph.js';
export type { PureDict, State } from './graph.js';
export { readPureDict, readState, readStateSafetensors, writePureDict, writeState, writeStateSafetensors } from './files.js';
export type { WriteStateOptions } from './files.js';
export { detectStateKeys } from './state-keys.js';
export type { StateKeys } from './state-keys.js';
export { ModuleTree } from './module-tree.js';
export type { TreeChild } from './module-tree.js';
export { Activation, elu, gelu, geluExact, leakyRelu, relu, sigmoid, silu, softplus, tanh } from './modules/activation.js';
export type { ActivationOptions } from './modules/activation.js';
export { BatchNorm } from './modules/batch-norm.js';
export type { BatchNormOptions } from './modules/batch-norm.js';
export { Conv } from './modules/conv.js';
export type { ConvOptions, NnxPadding } from './modules/conv.js';
export { Dropout } from './modules/dropout.js';
export type { DropoutCallOptions, DropoutOptions } from './modules/dropout.js';
export { Embed } from './modules/embed.js';
export type { EmbedOptions } from './modules/embed.js';
export { GRUCell } from './modules/gru-cell.js';
export { GroupNorm } from './modules/group-norm.js';
export type { GroupNormOptions } from './modules/group-norm.js';
export { LSTMCell } from './modules/lstm-cell.js';
export type { CellOptions, LSTMCarry } from './modules/lstm-cell.js';
export { LayerNorm } from './modules/layer-norm.js';
export type { LayerNormOptions } from './modules/layer-norm.js';
export { Linear } from './modules/linear.js';
export type { LinearOptions } from './modules/linear.js';
export { RMSNorm } from './modules/rms-norm.js';
export type { RMSNormOptions } from './modules/rms-norm.js';
export { Sequential } from './modules/sequential.js';
export type { Layer } from './modules/sequential.js';
export { inferArchitecture } from './infer.js';
export type { InferredArchitecture } from './infer.js';
export { moduleFromSpec } from './spec.js';
export type { NnxLayerSpec, NnxSpecContext } from './layer-spec.js';
export type { FromSpecOptions, ModuleSpec } from './spec.js';
export { moduleToSpec } from './to-spec.js';
export { mappings, specs };

/**
 * The Flax NNX plugin; register it with `createRegistry().use(nnx)`.
 *
 * @example
 * ```ts
 * const ir = createRegistry().use(nnx).toIR(new Linear(3, 5, { rngs: new Rngs(0) }), 'nnx');
 * ```
 */
const nnx = definePlugin({
  meta: { name: '@interop/nnx', version: pkg.version, framework: 'nnx', title: 'NNX' },
  adapter: nnxAdapter,
  mappings,
  files: nnxFiles,
});

export default nnx;
export { nnx };
