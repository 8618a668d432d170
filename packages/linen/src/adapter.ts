import { Tensor } from '@interop/core';
import type { FrameworkAdapter } from '@interop/core';
import { Module } from './module.js';
import type { AnyModule } from './module.js';
import { Sequential, childVariables } from './modules/sequential.js';
import type { Variables } from './variables.js';

/** What the engine walks: a module with its slice of the variables. */
export class LinenNode {
  constructor(
    readonly module: AnyModule,
    readonly variables: Variables,
  ) {}
}

function asPair(input: unknown): [AnyModule, Variables] {
  if (input instanceof LinenNode) return [input.module, input.variables];
  if (Array.isArray(input) && input.length === 2 && input[0] instanceof Module && typeof input[1] === 'object' && input[1] !== null) {
    return [input[0], input[1] as Variables];
  }
  return [input as AnyModule, {}];
}

/**
 * Walks Linen models given as `[module, variables]` and hands `[module, variables]` back.
 *
 * @example
 * ```ts
 * registry.toIR([new Dense(8), variables], 'linen');
 * ```
 */
export const linenAdapter: FrameworkAdapter<LinenNode> = {
  wrap: (input) => new LinenNode(...asPair(input)),
  layerType: (node) => node.module.constructor as new () => AnyModule,
  isSequential: (node) => node.module instanceof Sequential,
  children: (node) =>
    (node.module as Sequential).named().map(([key, m]) => ({ key, model: new LinenNode(m, childVariables(node.variables, key)) })),
  hasChildModules: (node) => Object.values(node.variables.params ?? {}).some((v) => !(v instanceof Tensor)),
  buildSequential: (children) => {
    const merged: Variables = {};
    children.forEach((child, i) => {
      for (const [c, tree] of Object.entries(child.variables)) (merged[c] ??= {})[`layers_${i}`] = tree;
    });
    return new LinenNode(new Sequential(children.map((c) => c.module)), merged);
  },
  finalize: (root) => [root.module, root.variables],
  layerName: (node) => node.module.type,
};
