import { InteropError } from '@interop/core';
import type { Tensor } from '@interop/core';
import {
  inferArchitecture,
  moduleFromSpec,
  moduleToSpec,
  readVariables,
  readVariablesSafetensors,
  writeVariables,
  writeVariablesSafetensors,
} from '@interop/linen';
import type { AnyModule, ModuleSpec, Variables } from '@interop/linen';
import type { FrameworkFiles } from './types.js';

/**
 * Flax Linen: variables as `flax.serialization` msgpack or safetensors. The architecture is a
 * spec (a layer, a `Sequential` or a `Module` tree with its forward) or is inferred from the
 * names: a layer, `layers_<i>` as a Sequential, named submodules (`Conv_0`, `Encoder_0/Dense_0`)
 * as a tree without a forward, which converts layer by layer.
 */
export const linenFiles: FrameworkFiles = {
  framework: 'linen',
  formats: ['msgpack', 'safetensors'],
  read(bytes, format, spec) {
    if (format === 'eqx') throw new InteropError('E_INVALID_ARGUMENT', 'Linen variables are msgpack or safetensors, not an .eqx leaf stream', { fix: 'Pass --from equinox for .eqx files' });
    const variables = format === 'msgpack' ? readVariables(bytes) : readVariablesSafetensors(bytes);
    if (spec !== undefined) return { model: [moduleFromSpec(spec as ModuleSpec), variables], spec, assumed: [] };
    const { module, assumed } = inferArchitecture(variables);
    return { model: [module, variables], spec: moduleToSpec(module), assumed };
  },
  fromSpec: (spec) => [moduleFromSpec(spec as ModuleSpec), {}],
  write(model, format) {
    const [module, variables] = model as [AnyModule, Variables];
    if (format === 'eqx') throw new InteropError('E_INVALID_ARGUMENT', 'Linen writes msgpack or safetensors', { fix: 'Use --format msgpack or safetensors' });
    return { bytes: format === 'msgpack' ? writeVariables(variables) : writeVariablesSafetensors(variables), spec: moduleToSpec(module) };
  },
  forward(model, x) {
    const [module, variables] = model as [AnyModule, Variables];
    return module.apply(variables, x) as Tensor;
  },
};
