import { InteropError, Tensor } from '@interop/core';
import type { FloatDType } from '@interop/runtime';
import { replaceByPureDict, state } from './graph.js';
import type { PureDict } from './graph.js';
import type { AnyModule } from './module.js';
import { ModuleTree } from './module-tree.js';
import type { TreeChild } from './module-tree.js';
import { BatchNorm } from './modules/batch-norm.js';
import { Conv } from './modules/conv.js';
import { Embed } from './modules/embed.js';
import { GRUCell } from './modules/gru-cell.js';
import { LSTMCell } from './modules/lstm-cell.js';
import { LayerNorm } from './modules/layer-norm.js';
import { Linear } from './modules/linear.js';
import { Sequential } from './modules/sequential.js';
import { SHAPE_ONLY } from './rngs.js';

/** An architecture read off a state tree (its values loaded), with every default it had to assume. */
export interface InferredArchitecture {
  /** The model, holding the tree's arrays. */
  module: AnyModule;
  /** One line per assumption, with the path it concerns. */
  assumed: string[];
}

const LSTM_KEYS = ['hf', 'hg', 'hi', 'ho', 'if_', 'ig', 'ii', 'io'];

function leaf(tree: PureDict | undefined, key: string): Tensor | undefined {
  const v = tree?.[key];
  return v instanceof Tensor ? v : undefined;
}

function sub(tree: PureDict, key: string): PureDict | undefined {
  const v = tree[key];
  return v === undefined || v instanceof Tensor ? undefined : v;
}

function dtypeOf(t: Tensor): FloatDType {
  const d = t.dtype as string;
  return d === 'float16' || d === 'bfloat16' || d === 'float64' ? d : 'float32';
}

function missing(at: string, tree: PureDict, why: string): never {
  throw new InteropError('E_MISSING_ARCH', `cannot tell the NNX module at ${at} from its state: ${why}; pass a spec`, { found: Object.keys(tree).join(', ') || '(none)' });
}

function infer(tree: PureDict, path: string, assumed: string[]): AnyModule {
  const at = path || '(root)';
  const keys = Object.keys(tree).sort();
  const layers = sub(tree, 'layers');
  if (layers && keys.length === 1) return inferSequential(layers, `${path ? `${path}/` : ''}layers`, assumed);
  const o = { rngs: SHAPE_ONLY };
  const mean = leaf(tree, 'mean');
  const scale = leaf(tree, 'scale');
  const bias = leaf(tree, 'bias');
  if (mean && leaf(tree, 'var')) {
    assumed.push(`${at}: BatchNorm with momentum 0.99 and epsilon 1e-5 (NNX's defaults), use_running_average=True`);
    return new BatchNorm(mean.shape[0]!, { ...o, useRunningAverage: true, useScale: !!scale, useBias: !!bias, paramDtype: dtypeOf(scale ?? bias ?? mean) });
  }
  if (JSON.stringify(keys) === JSON.stringify(LSTM_KEYS)) {
    const k = leaf(sub(tree, 'ii'), 'kernel') ?? missing(at, tree, "'ii/kernel' is missing");
    return new LSTMCell(k.shape[0]!, k.shape[1]!, { ...o, paramDtype: dtypeOf(k) });
  }
  if (JSON.stringify(keys) === '["dense_h","dense_i"]') {
    const hk = leaf(sub(tree, 'dense_h'), 'kernel');
    const ik = leaf(sub(tree, 'dense_i'), 'kernel');
    if (!hk || !ik || leaf(sub(tree, 'dense_h'), 'bias') || hk.shape[1] !== 3 * hk.shape[0]!) missing(at, tree, 'dense_i/dense_h other than a GRUCell (OptimizedLSTMCell is not supported)');
    return new GRUCell(ik.shape[0]!, hk.shape[0]!, { ...o, paramDtype: dtypeOf(ik) });
  }
  const kernel = leaf(tree, 'kernel');
  if (kernel && kernel.ndim === 2) return new Linear(kernel.shape[0]!, kernel.shape[1]!, { ...o, useBias: !!bias, paramDtype: dtypeOf(kernel) });
  if (kernel && kernel.ndim >= 3 && kernel.ndim <= 5) {
    assumed.push(`${at}: Conv with strides 1, padding 'SAME', no dilation and feature_group_count 1 (not stored in the state)`);
    const r = kernel.ndim;
    return new Conv(kernel.shape[r - 2]!, kernel.shape[r - 1]!, kernel.shape.slice(0, r - 2), { ...o, useBias: !!bias, paramDtype: dtypeOf(kernel) });
  }
  const embedding = leaf(tree, 'embedding');
  if (embedding) return new Embed(embedding.shape[0]!, embedding.shape[1]!, { ...o, paramDtype: dtypeOf(embedding) });
  const norm = scale ?? bias;
  if (norm && keys.every((k) => k === 'scale' || k === 'bias')) {
    assumed.push(`${at}: LayerNorm with epsilon 1e-6 (RMSNorm and GroupNorm store the same names)`);
    return new LayerNorm(norm.shape[0]!, { ...o, useScale: !!scale, useBias: !!bias, paramDtype: dtypeOf(norm) });
  }
  if (keys.length > 0 && keys.every((k) => sub(tree, k))) return inferTree(tree, path, assumed);
  return missing(at, tree, 'no layer stores these names');
}

const isIndex = (k: string): boolean => /^(0|[1-9][0-9]*)$/.test(k);
const className = (path: string): string => {
  const attr = path.split('/').filter((p) => !isIndex(p)).pop() ?? 'model';
  return attr.replace(/(^|_)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase()) || 'Model';
};

// A dict of dicts that no layer explains: a user's module, its attributes in the file's (sorted)
// order; a dict of contiguous integer keys is an nnx.List.
function inferTree(tree: PureDict, path: string, assumed: string[]): ModuleTree {
  const prefix = path ? `${path}/` : '';
  const name = path ? className(path) : 'Model';
  const children: Record<string, TreeChild> = {};
  for (const key of Object.keys(tree)) {
    if (isIndex(key)) missing(path || '(root)', tree, `integer keys (${key}) at a module's level, where attribute names were expected`);
    const child = sub(tree, key)!;
    const indices = Object.keys(child);
    if (indices.length > 0 && indices.every(isIndex)) {
      const items = indices.map(Number).sort((a, b) => a - b);
      const gaps = Array.from({ length: items[items.length - 1]! + 1 }, (_, i) => i).filter((i) => !items.includes(i));
      if (gaps.length > 0) {
        throw new InteropError('E_MISSING_ARCH', `${prefix}${key}: list items ${gaps.join(', ')} hold no state (a Dropout, a function, ...), which a state file cannot tell apart; pass a spec`, { found: indices.join(', ') });
      }
      children[key] = items.map((i) => infer(sub(child, String(i)) ?? missing(`${prefix}${key}/${i}`, child, 'an array where a module was expected'), `${prefix}${key}/${i}`, assumed));
    } else {
      children[key] = infer(child, `${prefix}${key}`, assumed);
    }
  }
  assumed.push(`${path || '(root)'}: a module ${name} of ${Object.keys(children).join(', ')}, in the file's sorted order; its declaration order and forward are not stored, so it converts layer by layer`);
  return new ModuleTree(name, children);
}

function inferSequential(layers: PureDict, path: string, assumed: string[]): AnyModule {
  const indices = Object.keys(layers).map(Number);
  if (indices.some((i) => !Number.isInteger(i) || i < 0)) missing(path, layers, 'Sequential layer keys must be integers');
  const count = Math.max(...indices) + 1;
  const gaps = Array.from({ length: count }, (_, i) => i).filter((i) => !indices.includes(i));
  if (gaps.length > 0) {
    throw new InteropError('E_MISSING_ARCH', `${path}: layers ${gaps.join(', ')} hold no state (an activation, a Dropout, ...), which a state file cannot tell apart; pass a spec`, {
      found: indices.join(', '),
    });
  }
  return new Sequential(...indices.sort((a, b) => a - b).map((i) => infer(sub(layers, String(i)) ?? missing(`${path}/${i}`, layers, 'an array where a layer was expected'), `${path}/${i}`, assumed)));
}

/**
 * Reads an architecture off a state tree (`readPureDict` of a msgpack file, or the tree of a
 * safetensors file): `kernel` rank 2 is a Linear, rank 3-5 a Conv, `embedding` an Embed,
 * `mean`/`var` a BatchNorm, the eight gate Linears an LSTMCell, `dense_i`/`dense_h` a GRUCell,
 * `scale`/`bias` a LayerNorm, `layers/<i>` a Sequential; any other dict of dicts is a
 * {@link ModuleTree} of its attributes (contiguous integer keys an `nnx.List`), without a forward.
 * Returns the model holding the arrays and the defaults it assumed.
 *
 * @throws {InteropError} E_MISSING_ARCH where the names do not fix a layer (a Sequential or list
 *   with gaps, where functions sat, or unknown names).
 * @example
 * ```ts
 * const { module, assumed } = inferArchitecture(readPureDict(bytes));
 * ```
 */
export function inferArchitecture(pure: PureDict): InferredArchitecture {
  const assumed: string[] = [];
  const module = infer(pure, '', assumed);
  replaceByPureDict(state(module), pure);
  return { module, assumed };
}
