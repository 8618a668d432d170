import { activation } from './activation.js';
import { batchNorm } from './batch-norm.js';
import { conv } from './conv.js';
import { dropout } from './dropout.js';
import { embed } from './embed.js';
import { groupNorm } from './group-norm.js';
import { gruCell } from './gru-cell.js';
import { layerNorm } from './layer-norm.js';
import { linear } from './linear.js';
import { lstmCell } from './lstm-cell.js';
import { rmsNorm } from './rms-norm.js';

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
