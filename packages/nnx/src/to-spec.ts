import { InteropError } from '@interop/core';
import type { AnyModule } from './module.js';
import { ModuleTree } from './module-tree.js';
import { Activation } from './modules/activation.js';
import { Sequential } from './modules/sequential.js';
import { nnxSpecs } from './spec.js';
import type { ModuleSpec } from './spec.js';
import { treeToSpec } from './tree-spec.js';

/**
 * The spec of a module, every modelled argument written out (defaults included); the inverse of
 * `moduleFromSpec` (weights aside: save them with `writeState`). A `ModuleTree` gives a `Module`
 * spec with its children's specs and its forward.
 *
 * @throws {InteropError} E_INVALID_SPEC for a plain function inside a Sequential (it has no spec),
 *   or a module no spec entry writes.
 * @example
 * ```ts
 * moduleToSpec(new Linear(3, 5, { rngs })); // { type: 'Linear', in_features: 3, out_features: 5, use_bias: true, param_dtype: 'float32' }
 * ```
 */
export function moduleToSpec(module: AnyModule): ModuleSpec {
  if (module instanceof ModuleTree) return treeToSpec(module, moduleToSpec);
  if (module instanceof Sequential) {
    return {
      type: 'Sequential',
      layers: module.layers.map((l, i) => {
        if (typeof l === 'function' && !(l instanceof Activation))
          throw new InteropError('E_INVALID_SPEC', `Sequential layer ${i} is a plain function, which has no spec`, {
            fix: 'Use the exported activations (relu, gelu, ...)',
          });
        return moduleToSpec(l as AnyModule);
      }),
    };
  }
  return nnxSpecs.write(module);
}
