import type { FrameworkAdapter, LayerType } from '@interop/core';
import { Module } from './module.js';
import { Sequential } from './modules/sequential.js';
import { State } from './state.js';

/**
 * Walks BrainState models: a module is its own node (its states live on it), a `Sequential`'s
 * children are `layers/<i>`, and a built stack is `new Sequential(...layers)`.
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
    m.graphNodes().some(
      ([, node]) => node instanceof Module || (Array.isArray(node) ? node.some((n) => n instanceof Module) : node !== null && typeof node === 'object' && !(node instanceof State) && Object.values(node).some((n) => n instanceof Module)),
    ),
  buildSequential: (children) => new Sequential(...children),
  layerName: (m) => m.type,
  owns: (input) => input instanceof Module,
};
