import { InteropError, Tensor } from '@interop/core';
import { readFlaxMsgpack } from '@interop/formats';
import { loadStateDict } from './files.js';
import type { StateTree } from './graph.js';
import type { Module } from './module.js';
import { BatchNorm0d, BatchNorm1d, BatchNorm2d, BatchNorm3d } from './modules/batch-norm.js';
import { Conv1d, Conv2d, Conv3d } from './modules/conv.js';
import { Embedding } from './modules/embedding.js';
import { GRUCell } from './modules/gru-cell.js';
import { LSTMCell } from './modules/lstm-cell.js';
import { LayerNorm } from './modules/layer-norm.js';
import { Linear } from './modules/linear.js';
import { MGUCell, URLSTMCell, ValinaRNNCell } from './modules/other-cells.js';
import { RMSNorm } from './modules/rms-norm.js';
import { inferTree, looksLikeTree } from './infer-tree.js';
import { Sequential } from './modules/sequential.js';

/** An architecture read off a state tree, its states loaded, with every default it had to assume. */
export interface InferredArchitecture {
  module: Module;
  /** One line per assumption, with the path it concerns. */
  assumed: string[];
}

/** Options of {@link inferArchitecture}. */
export interface InferOptions {
  /** The unbatched input shape; convolutions and spatial batch norms need it for their `in_size`. */
  inputShape?: number[];
}

type Tree = { [key: string]: Tree | Tensor };

const CONVS = [Conv1d, Conv2d, Conv3d] as const;
const BNS = [BatchNorm0d, BatchNorm1d, BatchNorm2d, BatchNorm3d] as const;

function fromMap(value: unknown, path: string): Tree | Tensor {
  if (value instanceof Tensor) return value;
  if (value instanceof Map) {
    const out: Tree = {};
    for (const [k, v] of value as Map<unknown, unknown>) out[String(k)] = fromMap(v, `${path}/${String(k)}`);
    return out;
  }
  throw new InteropError('E_FORMAT_CORRUPT', 'a brainstate state file holds only arrays and dicts', { path, found: typeof value });
}

const arr = (t: Tree | Tensor | undefined) => (t instanceof Tensor ? t : undefined);
const dict = (t: Tree | Tensor | undefined) => (t === undefined || t instanceof Tensor ? undefined : t);
const keysAre = (t: Tree, keys: string[]) => Object.keys(t).length === keys.length && keys.every((k) => k in t);

function missing(at: string, what: string, found: Tree): never {
  throw new InteropError('E_MISSING_ARCH', `cannot tell the brainstate module at ${at} from its states: ${what}`, {
    found: Object.keys(found).join(', ') || '(no states)',
    fix: 'Pass the architecture as a spec (moduleFromSpec) and load the file into it',
  });
}

function needShape(at: string, layer: string, rank: number, shape: number[] | undefined, tree: Tree, inTree: boolean): number[] {
  if (shape && shape.length === rank) return shape;
  if (inTree) {
    return missing(at, `${layer} needs its in_size (${rank} entries with the channels), which the file does not store; inside a module tree neither the call order nor the pools and flattens between layers are stored either, so no input shape tells it`, tree);
  }
  return missing(at, `${layer} needs the input shape (${rank} entries with the channels); pass inputShape`, tree);
}

/** Builds the module for one subtree; `shape` is the unbatched input shape when known, `inTree` whether it sits in a module tree. */
function infer(tree: Tree, path: string, shape: number[] | undefined, assumed: string[], inTree = false): Module {
  const at = path || '(root)';
  const layers = dict(tree.layers);
  if (layers && keysAre(tree, ['layers'])) return inferSequential(layers, path ? `${path}/layers` : 'layers', shape, assumed, inTree);
  const cellH = arr(tree.h);
  const w = dict(tree.weight);
  const W = dict(dict(tree.W)?.weight);
  if (W && arr(W.weight)) {
    const [rows, cols] = arr(W.weight)!.shape as [number, number];
    if (arr(tree.bias)) {
      const h = cols / 4;
      return new URLSTMCell(rows - h, h);
    }
    const bInit = arr(W.bias) ? 'ZeroInit' : null;
    const lstm = 'c' in tree || (!cellH && cols % 4 === 0 && rows > cols / 4);
    if (lstm) {
      if (!cellH) assumed.push(`${at}: LSTMCell (W has 4h columns; without hidden states ValinaRNNCell cannot be ruled out)`);
      return new LSTMCell(rows - cols / 4, cols / 4, { bInit });
    }
    assumed.push(`${at}: ValinaRNNCell with activation 'relu' (its default; not stored)`);
    return new ValinaRNNCell(rows - cols, cols, { bInit });
  }
  const Wrz = arr(dict(dict(tree.Wrz)?.weight)?.weight);
  if (Wrz && tree.Wh) return new GRUCell(Wrz.shape[0]! - Wrz.shape[1]! / 2, Wrz.shape[1]! / 2);
  const Wf = arr(dict(dict(tree.Wf)?.weight)?.weight);
  if (Wf && tree.Wh) return new MGUCell(Wf.shape[0]! - Wf.shape[1]!, Wf.shape[1]!);
  const mean = arr(tree.running_mean);
  if (mean && arr(tree.running_var)) {
    const nd = mean.ndim - 1;
    const Cls = BNS[nd] ?? missing(at, `running_mean of rank ${mean.ndim} fits no BatchNorm0d..3d`, tree);
    const inSize = nd === 0 ? [mean.shape[0]!] : needShape(at, Cls.name, nd + 1, shape, tree, inTree);
    assumed.push(`${at}: ${Cls.name} with momentum 0.99 and epsilon 1e-5 (BrainState's defaults; not stored)`);
    return new Cls(inSize, { affine: w !== undefined });
  }
  const scaleOnly = dict(tree.scale);
  if (scaleOnly && arr(scaleOnly.scale)) {
    assumed.push(`${at}: RMSNorm with epsilon 1e-6 (not stored)`);
    return new RMSNorm(arr(scaleOnly.scale)!.shape.slice());
  }
  if (arr(tree.weight)) {
    const table = arr(tree.weight)!;
    assumed.push(`${at}: Embedding from a bare table (weight not a dict)`);
    return new Embedding(table.shape[0]!, table.shape.slice(1));
  }
  if (w && keysAre(tree, ['weight'])) {
    const kernel = arr(w.weight);
    const bias = arr(w.bias);
    if (kernel && kernel.ndim === 2) return new Linear(kernel.shape[0]!, kernel.shape[1]!, { bInit: bias ? 'ZeroInit' : null });
    if (kernel && kernel.ndim >= 3 && kernel.ndim <= 5) {
      const nd = kernel.ndim - 2;
      const Cls = CONVS[nd - 1]!;
      const inSize = needShape(at, Cls.name, nd + 1, shape, tree, inTree);
      const groups = inSize[nd]! / kernel.shape[nd]!;
      assumed.push(`${at}: ${Cls.name} with stride 1, padding 'SAME' and no dilation (not stored); groups ${groups} from the input channels`);
      return new Cls(inSize, kernel.shape[nd + 1]!, kernel.shape.slice(0, nd), { groups, bInit: bias ? 'ZeroInit' : null });
    }
    const scale = arr(w.scale);
    if ((scale || bias) && Object.keys(w).every((k) => k === 'scale' || k === 'bias')) {
      assumed.push(`${at}: LayerNorm with epsilon 1e-6 (GroupNorm stores the same names; not stored)`);
      return new LayerNorm((scale ?? bias)!.shape.slice(), { useScale: scale !== undefined, useBias: bias !== undefined });
    }
  }
  if (looksLikeTree(tree)) {
    return inferTree(tree, path, assumed, (child, childPath) => infer(child, childPath, undefined, assumed, true), missing);
  }
  return missing(at, 'no layer stores these states', tree);
}

function inferSequential(layers: Tree, path: string, shape: number[] | undefined, assumed: string[], inTree: boolean): Module {
  const indices = Object.keys(layers).map(Number).sort((a, b) => a - b);
  if (indices.some((n, i) => n !== i)) {
    const gap = indices.findIndex((n, i) => n !== i);
    missing(path, `layer ${gap} holds no states (an activation or Dropout?), which a file cannot name`, layers);
  }
  let cur = shape;
  const built = indices.map((i) => {
    const child = dict(layers[String(i)]) ?? missing(`${path}/${i}`, 'an array where a layer should be', layers);
    const m = infer(child, `${path}/${i}`, cur, assumed, inTree);
    cur = m.outSize ? [...m.outSize] : cur;
    return m;
  });
  return new Sequential(...built);
}

/**
 * Reads an architecture off a braintools msgpack file (or a state tree): Linear, Conv, norms,
 * BatchNorm, Embedding, cells and Sequential from their state names and shapes, then loads the
 * states into it; any other dict of dicts is a user's module, a `ModuleTree` of its
 * attributes (contiguous integer keys a list) without a forward program. What a file cannot say
 * (epsilon, padding, strides, activations between layers, a module's declaration order) is
 * assumed and listed; a gap in a Sequential's or list's indices is an `E_MISSING_ARCH`, and so is
 * a conv or spatial BatchNorm inside a tree (its `in_size` is not stored).
 *
 * @throws {InteropError} E_MISSING_ARCH when a subtree fits no layer or a shape is needed;
 *   the file and state errors of `msgpackLoad`.
 * @example
 * ```ts
 * const { module, assumed } = inferArchitecture(await readFile('model.msgpack'));
 * ```
 */
export function inferArchitecture(source: Uint8Array | StateTree, options: InferOptions = {}): InferredArchitecture {
  const tree = source instanceof Uint8Array ? fromMap(readFlaxMsgpack(source), '') : (source as Tree);
  if (tree instanceof Tensor) throw new InteropError('E_FORMAT_CORRUPT', 'a brainstate state file must hold a dict of states');
  const assumed: string[] = [];
  const module = infer(tree, '', options.inputShape, assumed);
  // Hidden states in the file: create them at the file's batch before loading.
  const h = arr(tree.h);
  if (h) module.initState(h.ndim === 2 ? h.shape[0] : undefined);
  // A norm may hold only some of its affine arrays: the state takes the file's keys.
  const w = dict(tree.weight);
  const state = (module as unknown as { weight?: { value: unknown } }).weight;
  if (w && state && !(state.value instanceof Tensor)) state.value = Object.fromEntries(Object.entries(state.value as object).filter(([k]) => k in w));
  loadStateDict(module, tree as StateTree);
  return { module, assumed };
}
