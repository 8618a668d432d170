import type { FrameworkAdapter, LayerType } from '@interop/core';
import { Module } from './module.js';
import type { AnyModule } from './module.js';
import { ModuleTree } from './module-tree.js';
import type { TreeChild } from './module-tree.js';
import { Sequential } from './modules/sequential.js';
import type { Layer } from './modules/sequential.js';

/**
 * Walks NNX models (modules own their state, so the model is the node) and hands a module back.
 * A plain function inside a `Sequential` has no layer type, so converting it is refused as
 * unmapped; use the exported activations (`relu`, `gelu`, ...) to convert. A {@link ModuleTree}
 * is read as a module tree (children in declaration order, lists as `nnx.List`) and built back
 * as one.
 *
 * @example
 * ```ts
 * createRegistry().use(nnx).toIR(new Linear(3, 5, { rngs: new Rngs(0) }), 'nnx');
 * ```
 */
export const nnxAdapter: FrameworkAdapter<Layer> = {
  owns: (input) => input instanceof Module,
  layerType: (node) => (node instanceof Module ? (node.constructor as LayerType) : undefined),
  isSequential: (node) => node instanceof Sequential,
  children: (node) => (node as Sequential).layers.map((model, i) => ({ key: `layers/${i}`, model })),
  // Cells hold their gate Linears but are mapped as one layer; anything else holding modules is a container.
  hasChildModules: (node) => node instanceof Module && Object.values(node).some((v) => v instanceof Module),
  buildSequential: (children) => new Sequential(...children),
  moduleParts: (node) =>
    node instanceof ModuleTree
      ? {
          name: node.name,
          children: Object.entries(node.children).map(([name, child]) =>
            Array.isArray(child) ? { name, items: [...(child as AnyModule[])] } : { name, node: child as AnyModule },
          ),
          ...(node.forward ? { forward: [...node.forward] } : {}),
        }
      : undefined,
  buildModule: (parts) =>
    new ModuleTree(
      parts.name,
      Object.fromEntries(parts.children.map((c): [string, TreeChild] => [c.name, ('items' in c ? c.items : c.node) as TreeChild])),
      parts.forward,
    ),
  layerName: (node) => (node instanceof Module ? (node as AnyModule).type : `function ${node.name || '(anonymous)'}`),
};
