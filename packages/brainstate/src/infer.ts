import { InteropError, Tensor, shapeOnly } from '@interop/core';
import { readFlaxMsgpack } from '@interop/formats';
import { loadStateDict } from './files.js';
import type { StateTree } from './graph.js';
import { inferTree, looksLikeTree } from './infer-tree.js';
import type { Module } from './module.js';
import { Sequential } from './modules/sequential.js';
import { arr, dict, keysAre, missing } from './specs/entry.js';
import { specs } from './specs/index.js';

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

function fromMap(value: unknown, path: string): Tree | Tensor {
  if (value instanceof Tensor) return value;
  if (value instanceof Map) {
    const out: Tree = {};
    for (const [k, v] of value as Map<unknown, unknown>) out[String(k)] = fromMap(v, `${path}/${String(k)}`);
    return out;
  }
  throw new InteropError('E_FORMAT_CORRUPT', 'a brainstate state file holds only arrays and dicts', { path, found: typeof value });
}

/** Builds the module for one subtree; `shape` is the unbatched input shape when known, `inTree` whether it sits in a module tree. */
function infer(tree: Tree, path: string, shape: number[] | undefined, assumed: string[], inTree = false): Module {
  const at = path || '(root)';
  const layers = dict(tree.layers);
  if (layers && keysAre(tree, ['layers'])) return inferSequential(layers, path ? `${path}/layers` : 'layers', shape, assumed, inTree);
  const context = { at, shape, inTree, assume: (what: string) => assumed.push(`${at}: ${what}`) };
  for (const entry of Object.values(specs)) {
    const module = entry.infer?.(tree, context);
    if (module) return module;
  }
  if (looksLikeTree(tree)) {
    return inferTree(tree, path, assumed, (child, childPath) => infer(child, childPath, undefined, assumed, true), missing);
  }
  return missing(at, 'no layer stores these states', tree);
}

function inferSequential(layers: Tree, path: string, shape: number[] | undefined, assumed: string[], inTree: boolean): Module {
  const indices = Object.keys(layers)
    .map(Number)
    .sort((a, b) => a - b);
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
 * Reads an architecture off a braintools msgpack file (or its tree as the msgpack codec opens
 * it, or a state tree): Linear, Conv, norms,
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
export function inferArchitecture(
  source: Uint8Array | StateTree | ReadonlyMap<string, unknown>,
  options: InferOptions = {},
): InferredArchitecture {
  const tree =
    source instanceof Uint8Array ? fromMap(readFlaxMsgpack(source), '') : source instanceof Map ? fromMap(source, '') : (source as Tree);
  if (tree instanceof Tensor) throw new InteropError('E_FORMAT_CORRUPT', 'a brainstate state file must hold a dict of states');
  const assumed: string[] = [];
  // Every state of the inferred module is loaded from the file below: built shape-only, it draws nothing.
  const module = shapeOnly(() => infer(tree, '', options.inputShape, assumed));
  // Hidden states in the file: create them at the file's batch before loading.
  const h = arr(tree.h);
  if (h) module.initState(h.ndim === 2 ? h.shape[0] : undefined);
  // A norm may hold only some of its affine arrays: the state takes the file's keys.
  const w = dict(tree.weight);
  const state = (module as unknown as { weight?: { value: unknown } }).weight;
  if (w && state && !(state.value instanceof Tensor))
    state.value = Object.fromEntries(Object.entries(state.value as object).filter(([k]) => k in w));
  loadStateDict(module, tree as StateTree);
  return { module, assumed };
}
