import { InteropError, Tensor } from '@interop/core';
import type { AnyModule, Module } from './module.js';
import { BatchNorm } from './modules/batch-norm.js';
import { Conv } from './modules/conv.js';
import { Dense } from './modules/dense.js';
import { Embed } from './modules/embed.js';
import { GRUCell } from './modules/gru-cell.js';
import { LSTMCell } from './modules/lstm-cell.js';
import { LayerNorm } from './modules/layer-norm.js';
import { Sequential } from './modules/sequential.js';
import { inferTree } from './infer-tree.js';
import { leaf, requireParams } from './variables.js';
import type { VariableTree, Variables } from './variables.js';

/** An architecture read off a variables tree, with every default it had to assume. */
export interface InferredArchitecture {
  module: AnyModule;
  /** One line per assumption, with the path it concerns. */
  assumed: string[];
}

const LSTM_KEYS = ['ii', 'if', 'ig', 'io', 'hi', 'hf', 'hg', 'ho'];
const GRU_KEYS = ['ir', 'iz', 'in', 'hr', 'hz', 'hn'];

function sub(tree: VariableTree | undefined, key: string): VariableTree | undefined {
  const v = tree?.[key];
  return v === undefined || v instanceof Tensor ? undefined : v;
}

function sameKeys(tree: VariableTree, keys: string[]): boolean {
  const own = Object.keys(tree);
  return own.length === keys.length && keys.every((k) => own.includes(k));
}

function infer(params: VariableTree, stats: VariableTree | undefined, path: string, assumed: string[], statsFirst = false): AnyModule {
  const at = path || '(root)';
  const keys = Object.keys(params);
  if (stats && leaf(stats, 'mean') && leaf(stats, 'var')) {
    assumed.push(`${at}: BatchNorm from batch_stats, momentum 0.99 and epsilon 1e-5 (Linen's defaults), use_running_average=True`);
    return new BatchNorm({ useRunningAverage: true, useScale: !!leaf(params, 'scale'), useBias: !!leaf(params, 'bias') });
  }
  if (keys.length > 0 && keys.every((k) => /^layers_\d+$/.test(k))) {
    // Inside a tree (which has no forward anyway) a Sequential whose functions left gaps converts
    // layer by layer as a tree of its layers_<i>; only at the root is it refused.
    const gaps = keys.some((_, i) => !keys.includes(`layers_${i}`));
    if (!(path !== '' && gaps)) return inferSequential(params, stats, path, assumed);
    return inferTree(params, stats, path, assumed, infer);
  }
  if (sameKeys(params, LSTM_KEYS)) return new LSTMCell(leaf(sub(params, 'hi'), 'kernel')!.shape[0]!);
  if (sameKeys(params, GRU_KEYS)) return new GRUCell(leaf(sub(params, 'hn'), 'kernel')!.shape[0]!);
  const kernel = leaf(params, 'kernel');
  const bias = leaf(params, 'bias');
  if (kernel && kernel.ndim === 2) return new Dense(kernel.shape[1]!, { useBias: !!bias });
  if (kernel && kernel.ndim >= 3) {
    const kernelSize = kernel.shape.slice(0, -2);
    assumed.push(`${at}: Conv with strides 1, padding 'SAME', no dilation and feature_group_count 1 (not stored in variables)`);
    return new Conv(kernel.shape[kernel.ndim - 1]!, kernelSize, { useBias: !!bias });
  }
  const embedding = leaf(params, 'embedding');
  if (embedding) return new Embed(embedding.shape[0]!, embedding.shape[1]!);
  const scale = leaf(params, 'scale');
  if ((scale || bias) && keys.every((k) => k === 'scale' || k === 'bias')) {
    assumed.push(`${at}: LayerNorm with epsilon 1e-6 (RMSNorm and GroupNorm store the same names)`);
    return new LayerNorm({ useScale: !!scale, useBias: !!bias });
  }
  const names = [...keys, ...Object.keys(stats ?? {})];
  if (names.length > 0 && names.every((k) => sub(params, k) ?? sub(stats, k))) return inferTree(params, stats, path, assumed, infer, statsFirst);
  throw new InteropError('E_MISSING_ARCH', `cannot tell the Linen module at ${at} from its variables; pass a spec`, { found: keys.join(', ') || '(none)' });
}

function inferSequential(params: VariableTree, stats: VariableTree | undefined, path: string, assumed: string[]): Sequential {
  const indices = Object.keys(params).map((k) => Number(k.slice('layers_'.length))).sort((a, b) => a - b);
  const layers: Module[] = [];
  for (let i = 0; i <= indices[indices.length - 1]!; i++) {
    const name = `layers_${i}`;
    const p = sub(params, name);
    if (!p) {
      throw new InteropError('E_MISSING_ARCH', `${path ? `${path}/` : ''}${name} holds no variables (an activation or Dropout); its function cannot be inferred, pass a spec`);
    }
    layers.push(infer(p, sub(stats, name), `${path ? `${path}/` : ''}${name}`, assumed) as Module);
  }
  assumed.push(`${path || '(root)'}: Sequential ends at layers_${indices[indices.length - 1]} (trailing entries without variables are invisible)`);
  return new Sequential(layers);
}

/**
 * Reads an architecture off Linen variables where names and shapes determine it (Dense vs Conv
 * by kernel rank, BatchNorm by `batch_stats`, cells by their gate names, Sequential by
 * `layers_<i>`, and otherwise a `ModuleTree` of the named submodules, without a forward),
 * listing the defaults it assumed.
 *
 * @throws {InteropError} E_INVALID_ARGUMENT without a top-level `params`; E_MISSING_ARCH where
 *   the variables do not determine a module (e.g. an activation between `layers_0` and `layers_2`).
 * @example
 * ```ts
 * const { module, assumed } = inferArchitecture(readVariables(bytes));
 * ```
 */
export function inferArchitecture(variables: Variables): InferredArchitecture {
  const assumed: string[] = [];
  const statsFirst = Object.keys(variables)[0] === 'batch_stats';
  const module = infer(requireParams(variables, 'Linen model'), variables.batch_stats, '', assumed, statsFirst);
  return { module, assumed };
}
