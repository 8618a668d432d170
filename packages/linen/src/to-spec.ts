import type { AnyModule } from './module.js';
import { ModuleTree } from './modules/module-tree.js';
import { Sequential } from './modules/sequential.js';
import { linenSpecs } from './spec.js';
import type { ModuleSpec } from './spec.js';
import { treeToSpec } from './tree-spec.js';

/**
 * The spec of a module, every argument written out (defaults included, dtypes only where not
 * the default); a `Module` spec for a {@link ModuleTree}.
 *
 * @throws {InteropError} E_INVALID_SPEC for a module no spec entry writes.
 * @example
 * ```ts
 * moduleToSpec(new Dense(8)); // { type: 'Dense', features: 8, use_bias: true }
 * ```
 */
export function moduleToSpec(module: AnyModule): ModuleSpec {
  if (module instanceof ModuleTree) return treeToSpec(module, moduleToSpec);
  if (module instanceof Sequential) return { type: 'Sequential', layers: module.layers.map(moduleToSpec) };
  return linenSpecs.write(module);
}
