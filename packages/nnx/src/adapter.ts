import type { FrameworkAdapter, LayerType } from '@interop/core';
import { Module } from './module.js';
import type { AnyModule } from './module.js';
import { Sequential } from './modules/sequential.js';
import type { Layer } from './modules/sequential.js';

/**
 * Walks NNX models (modules own their state, so the model is the node) and hands a module back.
 * A plain function inside a `Sequential` has no layer type, so converting it is refused as
 * unmapped; use the exported activations (`relu`, `gelu`, ...) to convert.
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
  layerName: (node) => (node instanceof Module ? (node as AnyModule).type : `function ${node.name || '(anonymous)'}`),
};
