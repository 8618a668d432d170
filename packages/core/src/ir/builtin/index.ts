import { activationKind } from './activation.js';
import { gruCellChoKind, gruCellKind, lstmCellKind } from './cells.js';
import { sequentialKind, moduleKind } from './containers.js';
import { convKind } from './conv.js';
import { dropoutKind } from './dropout.js';
import { embeddingKind } from './embedding.js';
import { linearKind } from './linear.js';
import { batchNormKind, groupNormKind, layerNormKind, rmsNormKind } from './norms.js';
import { poolKind } from './pool.js';
import { meanKind, softmaxKind } from './reduce.js';
import { flattenKind, reshapeKind } from './reshape.js';

export {
  activationKind,
  batchNormKind,
  convKind,
  dropoutKind,
  embeddingKind,
  flattenKind,
  groupNormKind,
  gruCellChoKind,
  gruCellKind,
  layerNormKind,
  linearKind,
  lstmCellKind,
  meanKind,
  moduleKind,
  poolKind,
  reshapeKind,
  rmsNormKind,
  sequentialKind,
  softmaxKind,
};

/**
 * The built-in kinds' definitions, by name, in documentation order (the order of
 * `BUILTIN_IR_KINDS` and of `docs/ir/README.md`). They are what `irFromJSON` checks built-in
 * nodes against and what `inferOutputShape` and the engine's shape flow read.
 *
 * @example
 * ```ts
 * BUILTIN_KINDS.linear.params; // { inFeatures: 'int', outFeatures: 'int' }
 * ```
 */
export const BUILTIN_KINDS = Object.freeze({
  linear: linearKind,
  embedding: embeddingKind,
  conv: convKind,
  'layer-norm': layerNormKind,
  'rms-norm': rmsNormKind,
  'group-norm': groupNormKind,
  'batch-norm': batchNormKind,
  dropout: dropoutKind,
  'lstm-cell': lstmCellKind,
  'gru-cell': gruCellKind,
  'gru-cell-cho': gruCellChoKind,
  activation: activationKind,
  pool: poolKind,
  flatten: flattenKind,
  reshape: reshapeKind,
  mean: meanKind,
  softmax: softmaxKind,
  sequential: sequentialKind,
  module: moduleKind,
});

/** Name of a built-in IR kind (a plugin's augmented kinds are not among them). */
export type BuiltinIRKind = keyof typeof BUILTIN_KINDS;
