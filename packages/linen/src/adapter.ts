import { InteropError, Tensor } from '@interop/core';
import type { FrameworkAdapter, ModuleParts } from '@interop/core';
import { Module } from './module.js';
import type { AnyModule } from './module.js';
import { ModuleTree } from './modules/module-tree.js';
import type { TreeChild } from './modules/module-tree.js';
import { Sequential, childVariables } from './modules/sequential.js';
import { inCreationOrder, mergeChildren } from './tree-order.js';
import type { Variables } from './variables.js';

/** What the engine walks: a module with its slice of the variables. */
export class LinenNode {
  constructor(
    readonly module: AnyModule,
    readonly variables: Variables,
  ) {}
}

function isVariables(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || ArrayBuffer.isView(value) || value instanceof Tensor)
    return false;
  return Object.values(value).every(
    (c) => typeof c === 'object' && c !== null && !Array.isArray(c) && !ArrayBuffer.isView(c) && !(c instanceof Tensor),
  );
}

function asPair(input: unknown): [AnyModule, Variables] {
  if (input instanceof LinenNode) return [input.module, input.variables];
  if (Array.isArray(input) && input.length === 2 && input[0] instanceof Module && isVariables(input[1])) {
    return [input[0], input[1] as Variables];
  }
  if (Array.isArray(input)) throw notAPair(input);
  return [input as AnyModule, {}];
}

// An array is never a Linen module: it is a [module, variables] pair gone wrong, so say which half.
function notAPair(input: unknown[]): InteropError {
  const [module, variables] = input;
  const fix = 'Pass [module, variables] with the variables from module.init(key, x), linen.readVariables(bytes) or a conversion';
  if (input.length !== 2 || !(module instanceof Module)) {
    return new InteropError('E_INVALID_ARGUMENT', 'A Linen model is a module or [module, variables], with a Linen Module first', {
      found: `an array of ${input.length}${input.length > 0 ? ` starting with ${describe(module)}` : ''}`,
      fix,
    });
  }
  return new InteropError('E_INVALID_ARGUMENT', 'The second entry of [module, variables] is not a Linen variables dict', {
    expected: 'a dict of collections ({ params: { ... } })',
    found: badCollection(variables) ?? describe(variables),
    fix,
  });
}

// A params dict passed without its collection: name the entry that is not a collection.
function badCollection(variables: unknown): string | undefined {
  if (typeof variables !== 'object' || variables === null || Array.isArray(variables) || ArrayBuffer.isView(variables)) return undefined;
  const entry = Object.entries(variables).find(([, c]) => !isVariables({ c }));
  return entry && `a dict whose entry '${entry[0]}' is ${describe(entry[1])}, not a collection such as 'params'`;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'object') return `a ${(value as object).constructor?.name ?? 'plain object'}`;
  return typeof value === 'string' ? `the string '${value}'` : typeof value;
}

function moduleParts(node: LinenNode): ModuleParts<LinenNode> | undefined {
  const tree = node.module;
  if (!(tree instanceof ModuleTree)) return undefined;
  const nodeOf = ([name, m]: [string, AnyModule]) => new LinenNode(m, childVariables(node.variables, name));
  const children = Object.entries(tree.children).map(([name, child]) =>
    Array.isArray(child) ? { name, items: tree.items(name).map(nodeOf) } : { name, node: nodeOf(tree.items(name)[0]!) },
  );
  return { name: tree.name, children, ...(tree.forward ? { forward: tree.forward } : {}) };
}

// The children's variables nest under their names in Linen's creation order (first call, BatchNorm's
// batch_stats before its params), so a tree read from Flax's file writes back byte for byte.
function buildModule(parts: ModuleParts<LinenNode>): LinenNode {
  const children: Record<string, TreeChild> = {};
  const built = new Map<string, LinenNode>();
  for (const child of parts.children) {
    const nodes = 'items' in child ? child.items : [child.node];
    children[child.name] = 'items' in child ? nodes.map((n) => n.module) : child.node.module;
    nodes.forEach((n, i) => built.set('items' in child ? `${child.name}_${i}` : child.name, n));
  }
  const tree = new ModuleTree(parts.name, children, parts.forward);
  const variables = mergeChildren(
    tree.creationOrder().map((name) => {
      const n = built.get(name)!;
      return [name, inCreationOrder(n.module, n.variables)] as const;
    }),
  );
  return new LinenNode(tree, variables);
}

/**
 * Walks Linen models given as `[module, variables]` (a layer, a Sequential or a ModuleTree) and
 * hands `[module, variables]` back.
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
  moduleParts,
  buildModule,
  finalize: (root) => [root.module, root.variables],
  layerName: (node) => (node.module instanceof ModuleTree ? node.module.name : node.module.type),
};
