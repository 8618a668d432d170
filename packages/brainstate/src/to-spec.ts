import { InteropError, Tensor, forwardToSpec } from '@interop/core';
import type { Module } from './module.js';
import { Activation, ELU, GELU, LeakyReLU } from './modules/activation.js';
import { BatchNorm } from './modules/batch-norm.js';
import { RNNCell } from './modules/cell.js';
import { Conv } from './modules/conv.js';
import { Dropout } from './modules/dropout.js';
import { Embedding } from './modules/embedding.js';
import { Flatten } from './modules/flatten.js';
import { GroupNorm } from './modules/group-norm.js';
import { LSTMCell } from './modules/lstm-cell.js';
import { LayerNorm } from './modules/layer-norm.js';
import { Linear } from './modules/linear.js';
import { ModuleTree } from './modules/module-tree.js';
import { Pool } from './modules/pool.js';
import { RMSNorm } from './modules/rms-norm.js';
import { Sequential } from './modules/sequential.js';
import type { ModuleSpec } from './spec.js';

const DEFAULT_CELL_ACTIVATION: Record<string, string> = { ValinaRNNCell: 'relu' };

/** A size as Python would write it: an int for one entry. */
const size = (s: readonly number[]) => (s.length === 1 ? s[0]! : [...s]);
const allOnes = (v: readonly number[]) => v.every((n) => n === 1);

/** The shortest decimal that is the same float32 (BrainState keeps BatchNorm's epsilon/momentum as float32). */
function float32Decimal(v: number): number {
  for (let p = 1; p <= 9; p++) {
    const d = Number(v.toPrecision(p));
    if (Math.fround(d) === v) return d;
  }
  return v;
}

/** An int when every entry is the same (Python's `2` for `(2, 2)`), else the list. */
const intOrList = (v: readonly number[]) => (v.every((n) => n === v[0]) ? v[0]! : [...v]);

function poolSpec(model: Pool): ModuleSpec {
  const spec: ModuleSpec = { type: model.type, kernel_size: intOrList(model.kernelSize) };
  const defaultStride = model.op === 'max' ? model.kernelSize : model.kernelSize.map(() => 1);
  if (model.stride.some((n, i) => n !== defaultStride[i])) spec.stride = intOrList(model.stride);
  const p = model.padding;
  if (Array.isArray(p)) spec.padding = p.every(([l, h]) => l === p[0]![0] && h === l) ? p[0]![0] : p.map(([l, h]) => [l, h]);
  else if (p !== 'VALID') spec.padding = p;
  if (model.inSize) spec.in_size = [...model.inSize];
  return spec;
}

function flattenSpec(model: Flatten): ModuleSpec {
  return {
    type: 'Flatten',
    ...(model.startAxis !== 0 ? { start_axis: model.startAxis } : {}),
    ...(model.endAxis !== -1 ? { end_axis: model.endAxis } : {}),
    ...(model.inSize ? { in_size: [...model.inSize] } : {}),
  };
}

function treeSpec(model: ModuleTree): ModuleSpec {
  const children: Record<string, ModuleSpec | ModuleSpec[]> = {};
  for (const [key, child] of Object.entries(model.children)) children[key] = Array.isArray(child) ? child.map((m: Module) => moduleToSpec(m)) : moduleToSpec(child as Module);
  return { type: 'Module', name: model.name, children, ...(model.forward ? { forward: forwardToSpec(model.forward) } : {}) };
}

function hasKey(value: unknown, key: string): boolean {
  return value !== null && typeof value === 'object' && !(value instanceof Tensor) && key in value;
}

/**
 * The spec of a module: the Python constructor call as JSON (`{"type": "Linear", "in_size": 4,
 * "out_size": 8}`), arguments left out where they are BrainState's defaults; a {@link ModuleTree}
 * as `{"type": "Module", "name", "children", "forward"}`; `moduleFromSpec` reads it back. Weights are not part of a spec
 * (they travel in msgpack/safetensors files).
 *
 * @throws {InteropError} E_INVALID_ARGUMENT for an object that is not a module of this package.
 * @example
 * ```ts
 * moduleToSpec(new Sequential(new Linear(4, 8), relu)); // { type: 'Sequential', layers: [{ type: 'Linear', in_size: 4, out_size: 8 }, { type: 'relu' }] }
 * ```
 */
export function moduleToSpec(model: Module): ModuleSpec {
  if (model instanceof ModuleTree) return treeSpec(model);
  if (model instanceof Pool) return poolSpec(model);
  if (model instanceof Flatten) return flattenSpec(model);
  if (model instanceof Sequential) return { type: 'Sequential', layers: model.layers.map(moduleToSpec) };
  if (model instanceof Linear) {
    return { type: 'Linear', in_size: size(model.inSize!), out_size: size(model.outSize!), ...(hasKey(model.weight.value, 'bias') ? {} : { b_init: null }) };
  }
  if (model instanceof Conv) {
    const spec: ModuleSpec = { type: model.type, in_size: [...model.inSize], out_channels: model.outChannels, kernel_size: [...model.kernelSize] };
    if (!allOnes(model.stride)) spec.stride = [...model.stride];
    if (model.padding !== 'SAME') spec.padding = Array.isArray(model.padding) ? model.padding.map((p) => [...p]) : model.padding;
    if (!allOnes(model.lhsDilation)) spec.lhs_dilation = [...model.lhsDilation];
    if (!allOnes(model.rhsDilation)) spec.rhs_dilation = [...model.rhsDilation];
    if (model.groups !== 1) spec.groups = model.groups;
    if (hasKey(model.weight.value, 'bias')) spec.b_init = 'ZeroInit';
    return spec;
  }
  if (model instanceof LayerNorm) {
    return {
      type: 'LayerNorm',
      in_size: [...model.inSize],
      ...(model.epsilon !== 1e-6 ? { epsilon: model.epsilon } : {}),
      ...(model.useScale ? {} : { use_scale: false }),
      ...(model.useBias ? {} : { use_bias: false }),
      ...(model.useFastVariance ? {} : { use_fast_variance: false }),
    };
  }
  if (model instanceof RMSNorm) {
    return { type: 'RMSNorm', in_size: [...model.inSize], ...(model.useScale ? {} : { use_scale: false }), ...(model.epsilon !== 1e-6 ? { epsilon: model.epsilon } : {}) };
  }
  if (model instanceof GroupNorm) {
    return {
      type: 'GroupNorm',
      in_size: [...model.inSize],
      num_groups: model.numGroups,
      ...(model.epsilon !== 1e-6 ? { epsilon: model.epsilon } : {}),
      ...(model.useScale ? {} : { use_scale: false }),
      ...(model.useBias ? {} : { use_bias: false }),
      ...(model.useFastVariance ? {} : { use_fast_variance: false }),
    };
  }
  if (model instanceof BatchNorm) {
    return {
      type: model.type,
      in_size: [...model.inSize],
      ...(model.momentum !== Math.fround(0.99) ? { momentum: float32Decimal(model.momentum) } : {}),
      ...(model.epsilon !== Math.fround(1e-5) ? { epsilon: float32Decimal(model.epsilon) } : {}),
      ...(model.affine ? {} : { affine: false }),
      ...(model.trackRunningStats ? {} : { track_running_stats: false }),
    };
  }
  if (model instanceof Embedding) {
    return { type: 'Embedding', num_embeddings: model.numEmbeddings, embedding_size: size(model.embeddingSize), ...(model.paddingIdx === null ? {} : { padding_idx: model.paddingIdx }) };
  }
  if (model instanceof Dropout) return { type: 'Dropout', prob: model.prob };
  if (model instanceof RNNCell) {
    const spec: ModuleSpec = { type: model.type, num_in: model.numIn, num_out: model.numOut };
    if (model.activation !== (DEFAULT_CELL_ACTIVATION[model.type] ?? 'tanh')) spec.activation = model.activation;
    if (model instanceof LSTMCell && !hasKey(model.W.weight.value, 'bias')) spec.b_init = null;
    return spec;
  }
  if (model instanceof GELU) return model.approximate ? { type: 'GELU', approximate: true } : { type: 'GELU' };
  if (model instanceof LeakyReLU) return model.alpha === 0.01 ? { type: 'LeakyReLU' } : { type: 'LeakyReLU', negative_slope: model.alpha };
  if (model instanceof ELU) return model.alpha === 1 ? { type: 'ELU' } : { type: 'ELU', alpha: model.alpha };
  if (model instanceof Activation) return { type: model.type === 'Activation' ? model.specType : model.type };
  throw new InteropError('E_INVALID_ARGUMENT', 'moduleToSpec needs a module of @interop/brainstate', {
    found: (model as object)?.constructor?.name ?? typeof model,
  });
}
