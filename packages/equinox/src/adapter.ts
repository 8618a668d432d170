import { InteropError } from '@interop/core';
import type { FrameworkAdapter, LayerType } from '@interop/core';
import { Module } from './module.js';
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

function isPair(input: unknown): input is [Module, State] {
  return Array.isArray(input) && input.length === 2 && input[0] instanceof Module && input[1] instanceof State;
}

/**
 * Walks Equinox models given as a module, or as `[model, state]` for a model with BatchNorm (as
 * `eqx.nn.make_with_state` returns them), and hands back the same: `fromIR` returns
 * `[model, state]` when the built model has state, the model alone otherwise.
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
    if (input instanceof Module) return new EqxNode(input);
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
    const states = children.map((c) => c.state).filter((s): s is State => s !== null && s.size > 0);
    return new EqxNode(new Sequential(children.map((c) => c.module as SequentialLayer)), states.length ? mergeStates(states) : null);
  },
  finalize: (root) => (root.state && root.state.size > 0 ? [root.module, root.state] : root.module),
  layerName: (node) => (node.module instanceof Module ? node.module.type : ''),
};
