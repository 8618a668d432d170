import { InteropError } from '@interop/core';
import type { FrameworkAdapter, LayerType, ModuleParts } from '@interop/core';
import { Module } from './module.js';
import { ModuleTree } from './modules/module-tree.js';
import type { TreeChild } from './modules/module-tree.js';
import { Sequential } from './modules/sequential.js';
import type { SequentialLayer } from './modules/sequential.js';
import { State, mergeStates } from './state.js';

/**
 * What the engine walks: a module with the model's State (or `null` for a stateless model).
 * Sub-layers share the root's State: a StateIndex finds its entry in it wherever it sits.
 */
export class EqxNode {
  constructor(
    readonly module: Module,
    readonly state: State | null = null,
  ) {}
}

/** One State for nodes built apart (each stateful layer with its own), in their order. */
function stateOf(nodes: readonly EqxNode[]): State | null {
  const states = nodes.map((c) => c.state).filter((s): s is State => s !== null && s.size > 0);
  return states.length ? mergeStates(states) : null;
}

function treeParts(node: EqxNode): ModuleParts<EqxNode> | undefined {
  const tree = node.module;
  if (!(tree instanceof ModuleTree)) return undefined;
  const wrap = (m: Module) => new EqxNode(m, node.state);
  const children = Object.entries(tree.children).map(([name, c]) =>
    Array.isArray(c) ? { name, items: (c as Module[]).map(wrap) } : { name, node: wrap(c as Module) },
  );
  return { name: tree.name, children, ...(tree.forward ? { forward: [...tree.forward] } : {}) };
}

function buildTree(parts: ModuleParts<EqxNode>): EqxNode {
  const children: Record<string, TreeChild> = {};
  const nodes: EqxNode[] = [];
  for (const c of parts.children) {
    const built = 'items' in c ? c.items : [c.node];
    nodes.push(...built);
    children[c.name] = 'items' in c ? built.map((n) => n.module) : built[0]!.module;
  }
  const state = stateOf(nodes);
  return new EqxNode(new ModuleTree(parts.name, children, parts.forward), state);
}

function isPair(input: unknown): input is [Module, State] {
  return Array.isArray(input) && input.length === 2 && input[0] instanceof Module && input[1] instanceof State;
}

/**
 * Walks Equinox models given as a module, or as `[model, state]` for a model with BatchNorm (as
 * `eqx.nn.make_with_state` returns them), and hands back the same: `fromIR` returns
 * `[model, state]` when the built model has state, the model alone otherwise. A
 * {@link ModuleTree} is a module tree (children in field order, its forward program); Equinox
 * flattens channels-first (`jnp.ravel` of `(C, H, W)`), so the engine reorders the Linear that
 * reads a flatten of the forward program.
 *
 * @example
 * ```ts
 * registry.toIR([model, state], 'equinox', { sampleInput: [8, 8, 3] });
 * const [bn, state] = registry.fromIR(ir, 'equinox') as [BatchNorm, State];
 * ```
 */
export const equinoxAdapter: FrameworkAdapter<EqxNode> = {
  owns: (input) => input instanceof Module || input instanceof EqxNode || isPair(input),
  wrap: (input) => {
    if (input instanceof EqxNode) return input;
    if (isPair(input)) return new EqxNode(input[0], input[1]);
    if (input instanceof Module) return new EqxNode(input, null);
    if (Array.isArray(input) && input.length === 2 && input[0] instanceof Module) {
      throw new InteropError('E_INVALID_ARGUMENT', 'The second entry of [model, state] is not an Equinox State', {
        fix: 'Pass the State from makeWithState, modelWithStateFromSpec or treeDeserialiseLeaves',
      });
    }
    return new EqxNode(input as Module);
  },
  layerType: (node) => (node.module as object | null)?.constructor as LayerType | undefined,
  isSequential: (node) => node.module instanceof Sequential,
  children: (node) => (node.module as Sequential).layers.map((m, i) => ({ key: `layers/${i}`, model: new EqxNode(m, node.state) })),
  hasChildModules: () => false,
  buildSequential: (children) => {
    const state = stateOf(children);
    return new EqxNode(new Sequential(children.map((c) => c.module as SequentialLayer)), state);
  },
  moduleParts: treeParts,
  buildModule: buildTree,
  flattenOrder: 'channels-first',
  finalize: (root) => (root.state && root.state.size > 0 ? [root.module, root.state] : root.module),
  layerName: (node) => (node.module instanceof ModuleTree ? node.module.name : node.module instanceof Module ? node.module.type : ''),
};
