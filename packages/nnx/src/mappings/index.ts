import type { NnxLayerSpec } from '../layer-spec.js';
import { activation, activationSpec } from './activation.js';
import { batchNorm, batchNormSpec } from './batch-norm.js';
import { conv, convSpec } from './conv.js';
import { dropout, dropoutSpec } from './dropout.js';
import { embed, embedSpec } from './embed.js';
import { groupNorm, groupNormSpec } from './group-norm.js';
import { gruCell, gruCellSpec } from './gru-cell.js';
import { layerNorm, layerNormSpec } from './layer-norm.js';
import { linear, linearSpec } from './linear.js';
import { lstmCell, lstmCellSpec } from './lstm-cell.js';
import { rmsNorm, rmsNormSpec } from './rms-norm.js';

/** Every NNX layer this plugin converts, by class name (the only list of supported layers). */
export const mappings = {
  Activation: activation,
  BatchNorm: batchNorm,
  Conv: conv,
  Dropout: dropout,
  Embed: embed,
  GRUCell: gruCell,
  GroupNorm: groupNorm,
  LSTMCell: lstmCell,
  LayerNorm: layerNorm,
  Linear: linear,
  RMSNorm: rmsNorm,
};

/**
 * The spec table: each mapped layer's spec entry (written beside its mapping), by the same class
 * name; `moduleFromSpec`, `moduleToSpec` and `inferArchitecture` are driven by it (inference tries
 * the entries in this order). Adding a layer: its module, its mapping with the entry and its
 * `fields`, a line here in each list, a test, a README row, `pnpm docs:specs` (`spec.test.ts`
 * checks the lists agree; the all package's `guide-specs.test.ts` that the fields are the
 * reader's and docs/specs/ is current).
 *
 * @example
 * ```ts
 * specs.Linear.types.Linear; // ['in_features', 'out_features', 'use_bias', 'dtype', 'param_dtype']
 * ```
 */
export const specs: Readonly<Record<keyof typeof mappings, NnxLayerSpec>> = {
  Activation: activationSpec,
  BatchNorm: batchNormSpec,
  Conv: convSpec,
  Dropout: dropoutSpec,
  Embed: embedSpec,
  GRUCell: gruCellSpec,
  GroupNorm: groupNormSpec,
  LSTMCell: lstmCellSpec,
  LayerNorm: layerNormSpec,
  Linear: linearSpec,
  RMSNorm: rmsNormSpec,
};
