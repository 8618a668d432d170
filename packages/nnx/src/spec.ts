import { bad, createSpecs } from '@interop/flax';
import type { ModuleSpec } from '@interop/flax';
import type { PureDict } from './graph.js';
import type { NnxSpecContext } from './layer-spec.js';
import { specs } from './mappings/index.js';
import type { AnyModule } from './module.js';
import { Sequential } from './modules/sequential.js';
import { Rngs } from './rngs.js';
import { treeFromSpec } from './tree-spec.js';

export type { ModuleSpec } from '@interop/flax';

/** Options of {@link moduleFromSpec}. */
export interface FromSpecOptions {
  /**
   * Seed of the root layer's `nnx.Rngs`; a Sequential's layer `i` gets `seed + i + 1`, as the
   * conformance tooling's `build_nnx` seeds them. A `Module` builds its children in declaration
   * order from one shared `nnx.Rngs(seed)`, as a Python class's `__init__(rngs)` does (a
   * `Dropout` gets no `rngs`). @default 0
   */
  seed?: number;
}

// NNX arguments (and attributes a dumped module shows) this package does not model, accepted at
// their default value only.
const AT_DEFAULT: Record<string, unknown> = {
  axis: -1,
  feature_axis: -1,
  feature_axes: -1,
  axis_name: null,
  axis_index_groups: null,
  precision: null,
  preferred_element_type: null,
  mask: null,
  carry_init: null,
  keep_rngs: true,
  promote_dtype: null,
  use_fast_variance: true,
};

/** NNX's specs, driven by the spec table beside the mappings. */
export const nnxSpecs = createSpecs<AnyModule, NnxSpecContext, PureDict>({
  framework: 'NNX',
  table: specs,
  containers: {
    Module: {
      args: ['name', 'children', 'forward'],
      read: (spec, { seed, rngs }) => treeFromSpec(spec, (child) => fromSpec(child, seed, rngs)),
    },
    Sequential: {
      args: ['layers'],
      read: (spec, { seed, shared }) => {
        const layers = spec.layers;
        if (!Array.isArray(layers)) bad('Sequential needs a "layers" list', spec);
        return new Sequential(...(layers as ModuleSpec[]).map((s, i) => fromSpec(s, seed + i + 1, shared)));
      },
    },
  },
  defaults: AT_DEFAULT,
  writeDtypes: (module, spec) => ({ ...spec, ...(module.dtype !== null ? { dtype: module.dtype } : {}), param_dtype: module.paramDtype }),
});

// `shared`: the one nnx.Rngs a Module's children draw from, in declaration order.
function fromSpec(spec: ModuleSpec, seed: number, shared: Rngs | undefined): AnyModule {
  return nnxSpecs.read(spec, { seed, shared, rngs: shared ?? new Rngs(seed) });
}

/**
 * Builds a module from its spec (`{"type": "Linear", "in_features": 3, "out_features": 5}`), its
 * weights drawn from `nnx.Rngs(seed)` as the conformance tooling's `build_nnx` draws them. A
 * `{"type": "Module", "name", "children", "forward"}` spec builds a {@link ModuleTree}.
 *
 * @throws {InteropError} E_INVALID_SPEC for an unknown type, an argument not supported here, or
 *   a value of the wrong type.
 * @example
 * ```ts
 * const model = moduleFromSpec({ type: 'Sequential', layers: [{ type: 'Linear', in_features: 3, out_features: 5 }] });
 * ```
 */
export function moduleFromSpec(spec: ModuleSpec, options: FromSpecOptions = {}): AnyModule {
  return fromSpec(spec, options.seed ?? 0, undefined);
}
