import { avgPool } from './avg-pool.js';
import { batchNorm } from './batch-norm.js';
import { conv } from './conv.js';
import { dropout } from './dropout.js';
import { embedding } from './embedding.js';
import { groupNorm } from './group-norm.js';
import { gruCell } from './gru-cell.js';
import { lambda } from './lambda.js';
import { layerNorm } from './layer-norm.js';
import { linear } from './linear.js';
import { logSoftmax } from './log-softmax.js';
import { lstmCell } from './lstm-cell.js';
import { maxPool } from './max-pool.js';
import { ravel } from './ravel.js';
import { rmsNorm } from './rms-norm.js';

/** Every Equinox layer this plugin converts, by class name (the only list of supported layers). */
export const mappings = {
  AvgPool: avgPool,
  BatchNorm: batchNorm,
  Conv: conv,
  Dropout: dropout,
  Embedding: embedding,
  GRUCell: gruCell,
  GroupNorm: groupNorm,
  LSTMCell: lstmCell,
  Lambda: lambda,
  LambdaLogSoftmax: logSoftmax,
  LambdaRavel: ravel,
  LayerNorm: layerNorm,
  Linear: linear,
  MaxPool: maxPool,
  RMSNorm: rmsNorm,
};
