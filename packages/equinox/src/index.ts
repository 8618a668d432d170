/**
 * `@interop/equinox`: Equinox: modules as pytrees, State and .eqx leaf files.
 *
 * @packageDocumentation
 * @module @interop/equinox
 */
import { definePlugin } from '@interop/core';
import { equinoxAdapter } from './adapter.js';
import { equinoxFiles } from './files-part.js';
import { mappings } from './mappings/index.js';
import pkg from '../package.json' with { type: 'json' };

export { Module, Layer, isModule } from './module.js';
export type { ToIROptions, TreeField } from './module.js';
export { BatchNorm } from './modules/batch-norm.js';
export type { BatchNormCallOptions, BatchNormOptions } from './modules/batch-norm.js';
export { GRUCell, LSTMCell } from './modules/cells.js';
export type { CellOptions } from './modules/cells.js';
export type { CallOptions, DtypeOption, KeyOption } from './modules/common.js';
export { Conv, Conv1d, Conv2d, Conv3d } from './modules/conv.js';
export type { ConvOptions, EqxPadding, EqxPaddingMode } from './modules/conv.js';
export { Dropout } from './modules/dropout.js';
export type { DropoutCallOptions, DropoutOptions } from './modules/dropout.js';
export { Embedding } from './modules/embedding.js';
export type { EmbeddingOptions } from './modules/embedding.js';
export { GroupNorm } from './modules/group-norm.js';
export type { GroupNormOptions } from './modules/group-norm.js';
export { Lambda } from './modules/lambda.js';
export type { JaxNnName, LambdaFn, LambdaOptions } from './modules/lambda.js';
export { LayerNorm } from './modules/layer-norm.js';
export type { LayerNormOptions } from './modules/layer-norm.js';
export { Linear } from './modules/linear.js';
export type { Features, LinearOptions } from './modules/linear.js';
export { ModuleTree } from './modules/module-tree.js';
export type { TreeChild } from './modules/module-tree.js';
export { AvgPool, AvgPool1d, AvgPool2d, AvgPool3d, MaxPool, MaxPool1d, MaxPool2d, MaxPool3d, Pool } from './modules/pool.js';
export type { PoolOptions, PoolPaddingArg } from './modules/pool.js';
export { RMSNorm } from './modules/rms-norm.js';
export type { RMSNormOptions } from './modules/rms-norm.js';
export { Sequential } from './modules/sequential.js';
export type { SequentialLayer } from './modules/sequential.js';
export { State, StateIndex, makeWithState, mergeStates } from './state.js';
export type { StateValue } from './state.js';
export { moduleFromSpec, modelWithStateFromSpec } from './spec.js';
export type { FromSpecOptions, ModuleSpec } from './spec.js';
export { moduleToSpec } from './to-spec.js';
export { specs } from './specs/index.js';
export type { ModuleClass, SpecEntry, SpecField, SpecFields } from './specs/entry.js';
export { treeDeserialiseLeaves, treeLeaves, treeSerialiseLeaves, treeWithLeaves } from './tree.js';
export type { DeserialiseOptions, Leaf, PathLeaf } from './tree.js';
export { vmapCall } from './vmap.js';
export { inferenceMode } from './inference-mode.js';
export { shapeChannelsFirst, shapeChannelsLast, toChannelsFirst, toChannelsLast } from './layout.js';
export { EqxNode, equinoxAdapter } from './adapter.js';
export { mappings };

/**
 * The Equinox plugin; register it with `createRegistry().use(equinox)`. Models go in and come
 * out as Equinox users hold them: a module (a layer, a Sequential, or a {@link ModuleTree} for a
 * user-written `eqx.Module`), or `[model, state]` when it has a BatchNorm.
 *
 * @example
 * ```ts
 * const ir = createRegistry().use(equinox).toIR([model, state], 'equinox', { sampleInput: [8, 8, 3] });
 * ```
 */
const equinox = definePlugin({
  meta: { name: '@interop/equinox', version: pkg.version, framework: 'equinox', title: 'Equinox' },
  adapter: equinoxAdapter,
  mappings,
  files: equinoxFiles,
});

export default equinox;
export { equinox };
