import type { Refusal } from '@interop/core';
import { MGUCell, URLSTMCell, ValinaRNNCell } from '../modules/other-cells.js';
import { activation } from './activation.js';
import { activationLayers } from './activation-layers.js';
import { avgPool1d, avgPool2d, avgPool3d } from './avg-pool.js';
import { batchNorm0d, batchNorm1d, batchNorm2d, batchNorm3d } from './batch-norm.js';
import { conv1d, conv2d, conv3d } from './conv.js';
import { dropout } from './dropout.js';
import { embedding } from './embedding.js';
import { flatten } from './flatten.js';
import { groupNorm } from './group-norm.js';
import { gruCell } from './gru-cell.js';
import { layerNorm } from './layer-norm.js';
import { linear } from './linear.js';
import { lstmCell } from './lstm-cell.js';
import { maxPool1d, maxPool2d, maxPool3d } from './max-pool.js';
import { GRU_REASON, noCounterpart } from './reasons.js';
import { rmsNorm } from './rms-norm.js';

/** Every BrainState layer this plugin converts, by class name (the only list of supported layers). */
export const mappings = {
  ...activationLayers,
  'jax.nn function': activation,
  AvgPool1d: avgPool1d,
  AvgPool2d: avgPool2d,
  AvgPool3d: avgPool3d,
  BatchNorm0d: batchNorm0d,
  BatchNorm1d: batchNorm1d,
  BatchNorm2d: batchNorm2d,
  BatchNorm3d: batchNorm3d,
  Conv1d: conv1d,
  Conv2d: conv2d,
  Conv3d: conv3d,
  Dropout: dropout,
  Embedding: embedding,
  Flatten: flatten,
  GRUCell: gruCell,
  GroupNorm: groupNorm,
  LSTMCell: lstmCell,
  LayerNorm: layerNorm,
  Linear: linear,
  MaxPool1d: maxPool1d,
  MaxPool2d: maxPool2d,
  MaxPool3d: maxPool3d,
  RMSNorm: rmsNorm,
};

/**
 * The anchor's refusals: the Cho GRU cannot be built by any framework without its own mapping
 * for `gru-cell-cho`, the cuDNN GRU of the others cannot be built here, and the cells no other
 * framework has are refused when read.
 */
export const refusals: Refusal[] = [
  { ir: 'gru-cell-cho', reason: GRU_REASON, anyFramework: true },
  { ir: 'gru-cell', reason: GRU_REASON },
  { layerType: ValinaRNNCell, layer: 'ValinaRNNCell', reason: noCounterpart('ValinaRNNCell') },
  { layerType: MGUCell, layer: 'MGUCell', reason: noCounterpart('MGUCell') },
  { layerType: URLSTMCell, layer: 'URLSTMCell', reason: noCounterpart('URLSTMCell') },
];
