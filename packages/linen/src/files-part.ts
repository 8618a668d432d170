import { InteropError, unsupportedFormat } from '@interop/core';
import type { PluginFiles, Tensor } from '@interop/core';
import { msgpackCodec, safetensorsCodec } from '@interop/formats';
import { inferArchitecture } from './infer.js';
import type { AnyModule } from './module.js';
import { readVariablesSafetensors, writeVariablesSafetensors } from './safetensors.js';
import { moduleFromSpec } from './spec.js';
import type { ModuleSpec } from './spec.js';
import { moduleToSpec } from './to-spec.js';
import { readVariables, writeVariables } from './variables.js';
import type { Variables } from './variables.js';

const FORMATS = [msgpackCodec, safetensorsCodec];
const known = (format: string) => FORMATS.some((c) => c.id === format);

/**
 * Flax Linen files: variables as `flax.serialization` msgpack or safetensors. The architecture
 * is a spec (a layer, a `Sequential` or a `Module` tree with its forward) or is inferred from the
 * names: a layer, `layers_<i>` as a Sequential, named submodules (`Conv_0`, `Encoder_0/Dense_0`)
 * as a tree without a forward, which converts layer by layer.
 *
 * @example
 * ```ts
 * const [module, variables] = linenFiles.read(bytes, 'msgpack', undefined).model as [AnyModule, Variables];
 * ```
 */
export const linenFiles: PluginFiles = {
  formats: FORMATS,
  read(bytes, format, spec) {
    if (format === 'eqx')
      throw new InteropError('E_INVALID_ARGUMENT', 'Linen variables are msgpack or safetensors, not an .eqx leaf stream', {
        fix: 'Pass --from equinox for .eqx files',
      });
    if (!known(format)) throw unsupportedFormat('linen', format, FORMATS);
    const variables = format === 'msgpack' ? readVariables(bytes) : readVariablesSafetensors(bytes);
    if (spec !== undefined) return { model: [moduleFromSpec(spec as ModuleSpec), variables], spec, assumed: [] };
    const { module, assumed } = inferArchitecture(variables);
    return { model: [module, variables], spec: moduleToSpec(module), assumed };
  },
  fromSpec: (spec) => [moduleFromSpec(spec as ModuleSpec), {}],
  write(model, format) {
    const [module, variables] = model as [AnyModule, Variables];
    if (format === 'eqx')
      throw new InteropError('E_INVALID_ARGUMENT', 'Linen writes msgpack or safetensors', { fix: 'Use --format msgpack or safetensors' });
    if (!known(format)) throw unsupportedFormat('linen', format, FORMATS);
    return { bytes: format === 'msgpack' ? writeVariables(variables) : writeVariablesSafetensors(variables), spec: moduleToSpec(module) };
  },
  forward(model, x) {
    const [module, variables] = model as [AnyModule, Variables];
    return module.apply(variables, x) as Tensor;
  },
};
