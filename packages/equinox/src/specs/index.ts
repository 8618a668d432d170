import { BatchNorm } from '../modules/batch-norm.js';
import { GRUCell, LSTMCell } from '../modules/cells.js';
import { Conv, Conv1d, Conv2d, Conv3d } from '../modules/conv.js';
import { Dropout } from '../modules/dropout.js';
import { Embedding } from '../modules/embedding.js';
import { GroupNorm } from '../modules/group-norm.js';
import { LayerNorm } from '../modules/layer-norm.js';
import { Linear } from '../modules/linear.js';
import { AvgPool1d, AvgPool2d, AvgPool3d, MaxPool1d, MaxPool2d, MaxPool3d } from '../modules/pool.js';
import { RMSNorm } from '../modules/rms-norm.js';
import { needed, optional, unlessDefault } from './entry.js';
import type { SpecEntry } from './entry.js';
import {
  CELL_FIELDS,
  CONV_FIELDS,
  CONV_OPTIONAL,
  DTYPE_FIELD,
  NORM_FIELDS,
  fixedConv,
  lambdaSpec,
  layer,
  pool,
  writeBatchNorm,
  writeCell,
  writeConv,
  writeGroupNorm,
  writeShapeNorm,
} from './layer-specs.js';

const NORM = ['eps', 'use_weight', 'use_bias', 'dtype'] as const;
const CELL = { required: ['input_size', 'hidden_size'], optional: ['use_bias', 'dtype'], keyed: true };

/**
 * The spec table: one entry per Equinox class a spec may name (`type`), with the mapping that
 * converts it, how it is read and how it is written; `Sequential` and `Module` are the containers
 * around them. Adding a layer: its module, its mapping, its entry here with its `fields`, their tests, its README
 * row, `pnpm docs:specs` (`specs.test.ts` checks that the three lists agree; the all package's
 * `guide-specs.test.ts` that the fields are the reader's and docs/specs/ is current).
 *
 * @example
 * ```ts
 * specs.Linear.read({ type: 'Linear', in_features: 3, out_features: 5 }, 0); // eqx.nn.Linear(3, 5, key=jax.random.key(0))
 * ```
 */
export const specs: Readonly<Record<string, SpecEntry>> = {
  AvgPool1d: pool('AvgPool', AvgPool1d),
  AvgPool2d: pool('AvgPool', AvgPool2d),
  AvgPool3d: pool('AvgPool', AvgPool3d),
  BatchNorm: layer(
    'BatchNorm',
    BatchNorm,
    {
      required: ['input_size', 'axis_name'],
      optional: ['eps', 'channelwise_affine', 'momentum', 'inference', 'dtype', 'mode'],
      keyed: false,
    },
    writeBatchNorm,
    {
      input_size: needed('int', 4),
      axis_name: needed('string | string[]', 'batch'),
      eps: optional('float', 1e-5),
      channelwise_affine: optional('bool', true),
      momentum: optional('float', 0.99),
      inference: optional('bool', false),
      ...DTYPE_FIELD,
      mode: optional("'ema' | 'batch'", 'ema'),
    },
  ),
  Conv: layer(
    'Conv',
    Conv,
    { required: ['num_spatial_dims', 'in_channels', 'out_channels', 'kernel_size'], optional: CONV_OPTIONAL, keyed: true },
    writeConv,
    { num_spatial_dims: needed('int', 2), ...CONV_FIELDS },
  ),
  Conv1d: fixedConv(Conv1d, 1),
  Conv2d: fixedConv(Conv2d, 2),
  Conv3d: fixedConv(Conv3d, 3),
  Dropout: layer(
    'Dropout',
    Dropout,
    { required: [], optional: ['p', 'inference'], keyed: false },
    (m) => ({
      type: 'Dropout',
      ...unlessDefault({ p: m.p, inference: m.inference }, { p: 0.5, inference: false }),
    }),
    { p: optional('float', 0.5), inference: optional('bool', false) },
  ),
  Embedding: layer(
    'Embedding',
    Embedding,
    { required: [], optional: ['num_embeddings', 'embedding_size', 'dtype'], keyed: true },
    (m) => ({
      type: 'Embedding',
      num_embeddings: m.numEmbeddings,
      embedding_size: m.embeddingSize,
      ...unlessDefault({ dtype: m.weight.dtype }, { dtype: 'float32' }),
    }),
    { num_embeddings: needed('int', 10), embedding_size: needed('int', 8), ...DTYPE_FIELD },
  ),
  GRUCell: layer('GRUCell', GRUCell, CELL, writeCell, CELL_FIELDS),
  GroupNorm: layer(
    'GroupNorm',
    GroupNorm,
    { required: ['groups'], optional: ['channels', 'eps', 'channelwise_affine', 'dtype'], keyed: false },
    writeGroupNorm,
    {
      groups: needed('int', 2),
      channels: { type: 'int | null', default: null, example: 4 },
      eps: optional('float', 1e-5),
      channelwise_affine: optional('bool', true),
      ...DTYPE_FIELD,
    },
  ),
  LSTMCell: layer('LSTMCell', LSTMCell, CELL, writeCell, CELL_FIELDS),
  Lambda: lambdaSpec,
  LayerNorm: layer(
    'LayerNorm',
    LayerNorm,
    { required: ['shape'], optional: [...NORM, 'elementwise_affine'], keyed: false },
    writeShapeNorm,
    { ...NORM_FIELDS, elementwise_affine: optional('bool | null', null) },
  ),
  Linear: layer(
    'Linear',
    Linear,
    { required: ['in_features', 'out_features'], optional: ['use_bias', 'dtype'], keyed: true },
    (m) => ({
      type: 'Linear',
      in_features: m.inFeatures,
      out_features: m.outFeatures,
      ...unlessDefault({ use_bias: m.useBias, dtype: m.weight.dtype }, { use_bias: true, dtype: 'float32' }),
    }),
    {
      in_features: needed("int | 'scalar'", 3),
      out_features: needed("int | 'scalar'", 5),
      use_bias: optional('bool', true),
      ...DTYPE_FIELD,
    },
  ),
  MaxPool1d: pool('MaxPool', MaxPool1d),
  MaxPool2d: pool('MaxPool', MaxPool2d),
  MaxPool3d: pool('MaxPool', MaxPool3d),
  RMSNorm: layer('RMSNorm', RMSNorm, { required: ['shape'], optional: NORM, keyed: false }, writeShapeNorm, NORM_FIELDS),
};

export type { ModuleSpec, SpecEntry } from './entry.js';
