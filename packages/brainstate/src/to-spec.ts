import { InteropError, forwardToSpec } from '@interop/core';
import { Module } from './module.js';
import { Activation } from './modules/activation.js';
import { ModuleTree } from './modules/module-tree.js';
import { Sequential } from './modules/sequential.js';
import type { ModuleSpec } from './specs/entry.js';
import { specs } from './specs/index.js';

function treeSpec(model: ModuleTree): ModuleSpec {
  const children: Record<string, ModuleSpec | ModuleSpec[]> = {};
  for (const [key, child] of Object.entries(model.children))
    children[key] = Array.isArray(child) ? child.map((m: Module) => moduleToSpec(m)) : moduleToSpec(child as Module);
  return { type: 'Module', name: model.name, children, ...(model.forward ? { forward: forwardToSpec(model.forward) } : {}) };
}

/**
 * The spec of a module: the Python constructor call as JSON (`{"type": "Linear", "in_size": 4,
 * "out_size": 8}`), arguments left out where they are BrainState's defaults; a {@link ModuleTree}
 * as `{"type": "Module", "name", "children", "forward"}`; `moduleFromSpec` reads it back. Weights are not part of a spec
 * (they travel in msgpack/safetensors files).
 *
 * @throws {InteropError} E_INVALID_ARGUMENT for an object that is not a module of this package.
 * @example
 * ```ts
 * moduleToSpec(new Sequential(new Linear(4, 8), relu)); // { type: 'Sequential', layers: [{ type: 'Linear', in_size: 4, out_size: 8 }, { type: 'relu' }] }
 * ```
 */
export function moduleToSpec(model: Module): ModuleSpec {
  if (model instanceof ModuleTree) return treeSpec(model);
  if (model instanceof Sequential) return { type: 'Sequential', layers: model.layers.map(moduleToSpec) };
  // A jax.nn function is an Activation whose spec type is the function's name.
  const type = model instanceof Activation ? model.specType : model instanceof Module ? model.type : undefined;
  const entry = type !== undefined && Object.hasOwn(specs, type) ? specs[type] : undefined;
  if (entry && model instanceof entry.layerType) return entry.write(model);
  throw new InteropError('E_INVALID_ARGUMENT', 'moduleToSpec needs a module of @interop/brainstate', {
    found: (model as object)?.constructor?.name ?? typeof model,
  });
}
