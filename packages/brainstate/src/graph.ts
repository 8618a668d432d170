import { InteropError, Tensor } from '@interop/core';
import { Module } from './module.js';
import type { GraphNode } from './module.js';
import { State } from './state.js';

/** A nested dict of state values, keyed by path parts (list indices as `'0'`, `'1'`, ...). */
export type StateTree = { [key: string]: StateTree | Tensor };

function walk(node: GraphNode, path: string[], out: Map<string, State>, seen: Set<State>): void {
  if (node === null || node === undefined) return;
  if (node instanceof State) {
    if (!seen.has(node)) {
      seen.add(node);
      out.set(path.join('/'), node);
    }
    return;
  }
  if (node instanceof Module) {
    // Graph nodes flatten their attributes sorted by name (code point order, as Python's sort).
    const attrs = node.graphNodes().sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [name, child] of attrs) walk(child, [...path, name], out, seen);
    return;
  }
  if (Array.isArray(node)) node.forEach((child, i) => walk(child, [...path, String(i)], out, seen));
  else
    for (const [k, child] of Object.entries(node).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      walk(child as Module, [...path, k], out, seen);
}

/**
 * `brainstate.graph.states(model)`: every state by its `/`-joined path (`layers/0/weight`), in
 * BrainState's order (attributes sorted by name, list items by index), each state once.
 *
 * @example
 * ```ts
 * [...states(model).keys()]; // ['layers/0/weight', 'layers/1/weight', 'layers/2/weight']
 * ```
 */
export function states(model: Module): Map<string, State> {
  if (!(model instanceof Module))
    throw new InteropError('E_INVALID_ARGUMENT', 'graph.states needs a brainstate Module', { found: typeof model });
  const out = new Map<string, State>();
  walk(model, [], out, new Set());
  return out;
}

/**
 * `graph.states(model).to_nest()` with each state replaced by its value, the tree
 * `braintools.file.msgpack_save` writes (a dict-valued state adds one level).
 *
 * @example
 * ```ts
 * toNest(new nn.Linear(3, 5)); // { weight: { weight: Tensor, bias: Tensor } }
 * ```
 */
export function toNest(model: Module): StateTree {
  const root: StateTree = {};
  for (const [path, state] of states(model)) {
    const parts = path.split('/');
    let node = root;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as StateTree;
    const v = state.value;
    node[parts[parts.length - 1]!] = v instanceof Tensor ? v : { ...v };
  }
  return root;
}
