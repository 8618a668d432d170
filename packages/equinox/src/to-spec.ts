import { InteropError, forwardToSpec } from '@interop/core';
import { translateAxes } from './forward-dialect.js';
import type { Tensor } from '@interop/core';
import type { Module } from './module.js';
import { BatchNorm } from './modules/batch-norm.js';
import { GRUCell, LSTMCell } from './modules/cells.js';
import { Conv } from './modules/conv.js';
import { Dropout } from './modules/dropout.js';
import { Embedding } from './modules/embedding.js';
import { GroupNorm } from './modules/group-norm.js';
import { Lambda } from './modules/lambda.js';
import { LayerNorm } from './modules/layer-norm.js';
import { Linear } from './modules/linear.js';
import { ModuleTree } from './modules/module-tree.js';
import { Pool } from './modules/pool.js';
import { RMSNorm } from './modules/rms-norm.js';
import { Sequential } from './modules/sequential.js';
import type { ModuleSpec } from './spec.js';

/** Keeps the arguments that differ from Equinox's defaults. */
function unlessDefault(args: Record<string, unknown>, defaults: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(args).filter(([k, v]) => v !== undefined && JSON.stringify(v) !== JSON.stringify(defaults[k])));
}

const dtypeOf = (...ts: Array<Tensor | null>) => ts.find((t): t is Tensor => t !== null)?.dtype;

function convSpec(m: Conv): ModuleSpec {
  const n = m.numSpatialDims;
  const head: ModuleSpec = m.type === 'Conv' ? { type: 'Conv', num_spatial_dims: n } : { type: m.type };
  const padding = typeof m.padding === 'string' ? m.padding : m.padding.map(([lo, hi]) => [lo, hi]);
  return {
    ...head,
    in_channels: m.inChannels,
    out_channels: m.outChannels,
    kernel_size: [...m.kernelSize],
    ...unlessDefault(
      { stride: [...m.stride], padding, dilation: [...m.dilation], groups: m.groups, use_bias: m.useBias, padding_mode: m.paddingMode, dtype: dtypeOf(m.weight) },
      { stride: Array(n).fill(1), padding: Array(n).fill([0, 0]), dilation: Array(n).fill(1), groups: 1, use_bias: true, padding_mode: 'ZEROS', dtype: 'float32' },
    ),
  };
}

function poolSpec(m: Pool): ModuleSpec {
  const n = m.numSpatialDims;
  return {
    type: m.type,
    kernel_size: [...m.kernelSize],
    ...unlessDefault(
      { stride: [...m.stride], padding: m.padding.map(([lo, hi]) => [lo, hi]), use_ceil: m.useCeil },
      { stride: Array(n).fill(1), padding: Array(n).fill([0, 0]), use_ceil: false },
    ),
  };
}

function treeSpec(tree: ModuleTree): ModuleSpec {
  const children = Object.fromEntries(
    Object.entries(tree.children).map(([name, c]) => [name, Array.isArray(c) ? (c as Module[]).map((m) => specOf(m)) : specOf(c as Module)]),
  );
  return { type: 'Module', name: tree.name, children, ...(tree.forward ? { forward: forwardToSpec(tree.forward) } : {}) };
}

const NORM_DEFAULTS = { eps: 1e-5, use_weight: true, use_bias: true, channelwise_affine: true, dtype: 'float32' };

function lambdaSpec(m: Lambda): ModuleSpec {
  switch (m.fn) {
    case 'gelu':
      return { type: 'Lambda', fn: 'gelu', approximate: false };
    case 'gelu_tanh':
      return { type: 'Lambda', fn: 'gelu' };
    case 'leaky_relu':
      return { type: 'Lambda', fn: 'leaky_relu', ...unlessDefault({ negative_slope: m.alpha }, { negative_slope: 0.01 }) };
    case 'elu':
      return { type: 'Lambda', fn: 'elu', ...unlessDefault({ alpha: m.alpha }, { alpha: 1 }) };
    default:
      return { type: 'Lambda', fn: m.fn };
  }
}

function specOf(model: Module): ModuleSpec {
  if (model instanceof ModuleTree) return treeSpec(model);
  if (model instanceof Pool) return poolSpec(model);
  if (model instanceof Sequential) return { type: 'Sequential', layers: model.layers.map((l) => specOf(l)) };
  if (model instanceof Lambda) return lambdaSpec(model);
  if (model instanceof Conv) return convSpec(model);
  if (model instanceof Linear) {
    return { type: 'Linear', in_features: model.inFeatures, out_features: model.outFeatures, ...unlessDefault({ use_bias: model.useBias, dtype: dtypeOf(model.weight) }, { use_bias: true, dtype: 'float32' }) };
  }
  if (model instanceof Embedding) {
    return { type: 'Embedding', num_embeddings: model.numEmbeddings, embedding_size: model.embeddingSize, ...unlessDefault({ dtype: model.weight.dtype }, { dtype: 'float32' }) };
  }
  if (model instanceof LayerNorm || model instanceof RMSNorm) {
    return {
      type: model.type,
      shape: [...model.shape],
      ...unlessDefault({ eps: model.eps, use_weight: model.useWeight, use_bias: model.useBias, dtype: dtypeOf(model.weight, model.bias) }, NORM_DEFAULTS),
    };
  }
  if (model instanceof GroupNorm) {
    return {
      type: 'GroupNorm',
      groups: model.groups,
      ...unlessDefault({ channels: model.channels ?? undefined, eps: model.eps, channelwise_affine: model.channelwiseAffine, dtype: dtypeOf(model.weight, model.bias) }, NORM_DEFAULTS),
    };
  }
  if (model instanceof BatchNorm) {
    return {
      type: 'BatchNorm',
      input_size: model.inputSize,
      axis_name: model.axisName,
      ...unlessDefault(
        { eps: model.eps, channelwise_affine: model.channelwiseAffine, momentum: model.momentum, inference: model.inference, dtype: dtypeOf(model.weight, model.bias), mode: model.mode },
        { ...NORM_DEFAULTS, momentum: 0.99, inference: false, mode: 'ema' },
      ),
    };
  }
  if (model instanceof Dropout) return { type: 'Dropout', ...unlessDefault({ p: model.p, inference: model.inference }, { p: 0.5, inference: false }) };
  if (model instanceof LSTMCell || model instanceof GRUCell) {
    return { type: model.type, input_size: model.inputSize, hidden_size: model.hiddenSize, ...unlessDefault({ use_bias: model.useBias, dtype: model.weightIh.dtype }, { use_bias: true, dtype: 'float32' }) };
  }
  throw new InteropError('E_INVALID_ARGUMENT', 'moduleToSpec takes an @interop/equinox module', { found: String((model as { constructor?: { name?: string } })?.constructor?.name ?? typeof model) });
}

/**
 * The spec of a model: the Equinox constructor call as JSON, arguments at their default left
 * out, sizes and kernel shapes written as lists. `moduleFromSpec(moduleToSpec(m))` builds a
 * model of the same architecture (fresh arrays: the weights travel in the `.eqx` file).
 * A Lambda around `gelu(approximate=False)`, `leaky_relu` with a slope or `elu` with an alpha
 * carries that keyword next to `fn` (this package's extension of the spec). A {@link ModuleTree}
 * gives a `Module` spec whose forward steps are written in the channels-first example's axes.
 *
 * @throws {InteropError} E_INVALID_ARGUMENT for a value that is not one of this package's modules;
 *   E_CONVERSION for a forward step that Equinox's channels-first dialect cannot express (a
 *   reshape of a channels-last example, axes of an example of unknown rank).
 * @example
 * ```ts
 * moduleToSpec(new Linear(3, 5, { key: key(0) })); // { type: 'Linear', in_features: 3, out_features: 5 }
 * ```
 */
export function moduleToSpec(model: Module): ModuleSpec {
  return specOf(translateAxes(model, 'out'));
}
