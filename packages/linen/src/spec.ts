import { bad, createSpecs } from '@interop/flax';
import type { ModuleSpec } from '@interop/flax';
import type { LinenArrays } from './layer-spec.js';
import { specs } from './mappings/index.js';
import type { AnyModule } from './module.js';
import { Sequential } from './modules/sequential.js';
import { treeFromSpec } from './tree-spec.js';

export type { ModuleSpec } from '@interop/flax';

// Linen arguments this package does not model, accepted at their default value only.
const AT_DEFAULT: Record<string, unknown> = {
  axis: -1,
  feature_axes: -1,
  force_float32_reductions: true,
  use_fast_variance: true,
  broadcast_dims: [],
  rng_collection: 'dropout',
  precision: null,
  dot_general: null,
  dot_general_cls: null,
  conv_general_dilated: null,
  conv_general_dilated_cls: null,
  mask: null,
  axis_name: null,
  axis_index_groups: null,
};

/** Linen's specs, driven by the spec table beside the mappings. */
export const linenSpecs = createSpecs<AnyModule, object, LinenArrays>({
  framework: 'Linen',
  table: specs,
  containers: {
    Module: { read: (spec) => treeFromSpec(spec, moduleFromSpec) },
    Sequential: {
      args: ['layers'],
      read: (spec) => {
        const layers = spec.layers;
        if (!Array.isArray(layers)) bad('Sequential needs a "layers" list', spec);
        return new Sequential((layers as ModuleSpec[]).map(moduleFromSpec));
      },
    },
  },
  defaults: AT_DEFAULT,
  writeDtypes: (module, spec) => ({
    ...spec,
    ...(module.dtype !== null ? { dtype: module.dtype } : {}),
    ...(module.paramDtype !== 'float32' ? { param_dtype: module.paramDtype } : {}),
  }),
});

/**
 * Builds a module from its spec (`{"type": "Dense", "features": 8}`), or a {@link ModuleTree}
 * from a `{"type": "Module", "name", "children", "forward"}` spec.
 *
 * @throws {InteropError} E_INVALID_SPEC for an unknown type (listing the known ones), an argument
 *   not supported here, or a value of the wrong type.
 * @example
 * ```ts
 * moduleFromSpec({ type: 'Sequential', layers: [{ type: 'Dense', features: 8 }] });
 * ```
 */
export function moduleFromSpec(spec: ModuleSpec): AnyModule {
  return linenSpecs.read(spec, {});
}
