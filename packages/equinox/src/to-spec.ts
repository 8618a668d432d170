import { InteropError, forwardToSpec } from '@interop/core';
import { translateAxes } from './forward-dialect.js';
import { Module } from './module.js';
import { ModuleTree } from './modules/module-tree.js';
import { Sequential } from './modules/sequential.js';
import type { ModuleSpec } from './specs/entry.js';
import { specs } from './specs/index.js';

function treeSpec(tree: ModuleTree): ModuleSpec {
  const children = Object.fromEntries(
    Object.entries(tree.children).map(([name, c]) => [
      name,
      Array.isArray(c) ? (c as Module[]).map((m) => specOf(m)) : specOf(c as Module),
    ]),
  );
  return { type: 'Module', name: tree.name, children, ...(tree.forward ? { forward: forwardToSpec(tree.forward) } : {}) };
}

function specOf(model: Module): ModuleSpec {
  if (model instanceof ModuleTree) return treeSpec(model);
  if (model instanceof Sequential) return { type: 'Sequential', layers: model.layers.map((l) => specOf(l)) };
  const entry = model instanceof Module && Object.hasOwn(specs, model.type) ? specs[model.type] : undefined;
  if (entry && model instanceof entry.layerType) return entry.write(model);
  throw new InteropError('E_INVALID_ARGUMENT', 'moduleToSpec takes an @interop/equinox module', {
    found: String((model as { constructor?: { name?: string } })?.constructor?.name ?? typeof model),
  });
}

/**
 * The spec of a model: the Equinox constructor call as JSON, arguments at their default left
 * out, sizes and kernel shapes written as lists. `moduleFromSpec(moduleToSpec(m))` builds a
 * model of the same architecture (fresh arrays: the weights travel in the `.eqx` file).
 * A Lambda around `gelu(approximate=False)`, `leaky_relu` with a slope or `elu` with an alpha
 * carries that keyword next to `fn` (this package's extension of the spec). A {@link ModuleTree}
 * gives a `Module` spec whose forward steps are written in the channels-first example's axes.
 *
 * @throws {InteropError} E_INVALID_ARGUMENT for a value that is not one of this package's modules;
 *   E_CONVERSION for a forward step that Equinox's channels-first dialect cannot express (a
 *   reshape of a channels-last example, axes of an example of unknown rank).
 * @example
 * ```ts
 * moduleToSpec(new Linear(3, 5, { key: key(0) })); // { type: 'Linear', in_features: 3, out_features: 5 }
 * ```
 */
export function moduleToSpec(model: Module): ModuleSpec {
  return specOf(translateAxes(model, 'out'));
}
