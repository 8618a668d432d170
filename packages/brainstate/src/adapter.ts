import type { FrameworkAdapter, LayerType, ModuleParts } from '@interop/core';
import { Module } from './module.js';
import { ModuleTree } from './modules/module-tree.js';
import { Sequential } from './modules/sequential.js';
import { State } from './state.js';

function treeParts(m: ModuleTree): ModuleParts<Module> {
  const children = Object.entries(m.children).map(([name, child]) =>
    Array.isArray(child) ? { name, items: [...child] as Module[] } : { name, node: child as Module },
  );
  return { name: m.name, children, ...(m.forward ? { forward: m.forward } : {}) };
}

/**
 * Walks BrainState models: a module is its own node (its states live on it), a `Sequential`'s
 * children are `layers/<i>`, a {@link ModuleTree}'s are its attributes (lists as `name/<i>`), and
 * built stacks and trees are `new Sequential(...layers)` and `new ModuleTree(name, children, forward)`.
 *
 * @example
 * ```ts
 * createRegistry().use(brainstate).toIR(new nn.Linear(4, 8), 'brainstate');
 * ```
 */
export const brainstateAdapter: FrameworkAdapter<Module> = {
  layerType: (m) => (m instanceof Module ? (m.constructor as LayerType) : undefined),
  isSequential: (m) => m instanceof Sequential,
  children: (m) => (m as Sequential).layers.map((model, i) => ({ key: `layers/${i}`, model })),
  hasChildModules: (m) =>
    m
      .graphNodes()
      .some(
        ([, node]) =>
          node instanceof Module ||
          (Array.isArray(node)
            ? node.some((n) => n instanceof Module)
            : node !== null &&
              typeof node === 'object' &&
              !(node instanceof State) &&
              Object.values(node).some((n) => n instanceof Module)),
      ),
  buildSequential: (children) => new Sequential(...children),
  moduleParts: (m) => (m instanceof ModuleTree ? treeParts(m) : undefined),
  buildModule: (parts) =>
    new ModuleTree(parts.name, Object.fromEntries(parts.children.map((c) => [c.name, 'items' in c ? c.items : c.node])), parts.forward),
  layerName: (m) => (m instanceof ModuleTree ? m.name : m.type),
  owns: (input) => input instanceof Module,
};
