import { batchNorm } from './batch-norm.js';
import { activation } from './activation.js';
import { conv } from './conv.js';
import { dense } from './dense.js';
import { dropout } from './dropout.js';
import { embed } from './embed.js';
import { groupNorm } from './group-norm.js';
import { gruCell } from './gru-cell.js';
import { layerNorm } from './layer-norm.js';
import { lstmCell } from './lstm-cell.js';
import { rmsNorm } from './rms-norm.js';

/** Every Linen layer this plugin converts, by class name (the only list of supported layers). */
export const mappings = {
  Activation: activation,
  BatchNorm: batchNorm,
  Conv: conv,
  Dense: dense,
  Dropout: dropout,
  Embed: embed,
  GRUCell: gruCell,
  GroupNorm: groupNorm,
  LSTMCell: lstmCell,
  LayerNorm: layerNorm,
  RMSNorm: rmsNorm,
};
