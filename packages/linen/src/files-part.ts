import { InteropError, directoryAsBytes, formatCodec, unsupportedFormat } from '@interop/core';
import type { PluginFiles, Tensor } from '@interop/core';
import { treeToMsgpack } from '@interop/flax';
import { msgpackCodec, orbaxCodec, safetensorsCodec } from '@interop/formats';
import { inferArchitecture } from './infer.js';
import type { AnyModule } from './module.js';
import { flattenVariables, variablesOfTensors } from './safetensors.js';
import { moduleFromSpec } from './spec.js';
import type { ModuleSpec } from './spec.js';
import { variablesOfOrbax } from './orbax-variables.js';
import { moduleToSpec } from './to-spec.js';
import { variablesOfTree } from './variables.js';
import type { Variables } from './variables.js';

const FORMATS = [msgpackCodec, safetensorsCodec];
const DIRECTORIES = [orbaxCodec];
const known = (format: string) => FORMATS.some((c) => c.id === format) || DIRECTORIES.some((c) => c.id === format);

function checkFormat(format: string, reading: boolean): void {
  if (format === 'eqx') {
    throw reading
      ? new InteropError('E_INVALID_ARGUMENT', 'Linen variables are msgpack or safetensors, not an .eqx leaf stream', {
          fix: 'Pass --from equinox for .eqx files',
        })
      : new InteropError('E_INVALID_ARGUMENT', 'Linen writes msgpack or safetensors', { fix: 'Use --format msgpack or safetensors' });
  }
  if (!known(format)) throw unsupportedFormat('linen', format, FORMATS);
}

/**
 * Flax Linen files: variables as `flax.serialization` msgpack or safetensors, or an Orbax
 * directory (`files.directories`: the variables saved with `StandardCheckpointer`, a bare
 * params dict, read as `{params}`, or a flax TrainState, whose params and batch_stats are read
 * and the rest named in `assumed`; written as the variables). The architecture
 * is a spec (a layer, a `Sequential` or a `Module` tree with its forward) or is inferred from the
 * names: a layer, `layers_<i>` as a Sequential, named submodules (`Conv_0`, `Encoder_0/Dense_0`)
 * as a tree without a forward, which converts layer by layer. Trees (`readTree` / `writeTree`)
 * are what the codecs open and write; the bytes members are the codecs around them.
 *
 * @example
 * ```ts
 * const [module, variables] = linenFiles.read(bytes, 'msgpack', undefined).model as [AnyModule, Variables];
 * ```
 */
export const linenFiles: PluginFiles = {
  formats: FORMATS,
  directories: DIRECTORIES,
  readTree(tree, format, spec) {
    checkFormat(format, true);
    const { variables, assumed: read } =
      format === 'msgpack'
        ? { variables: variablesOfTree(tree), assumed: [] }
        : format === 'orbax'
          ? variablesOfOrbax(tree)
          : { variables: variablesOfTensors(tree as ReadonlyMap<string, Tensor>), assumed: [] };
    if (spec !== undefined) return { model: [moduleFromSpec(spec as ModuleSpec), variables], spec, assumed: read };
    const { module, assumed } = inferArchitecture(variables);
    return { model: [module, variables], spec: moduleToSpec(module), assumed: [...read, ...assumed] };
  },
  read(bytes, format, spec, hints) {
    checkFormat(format, true);
    if (format === 'orbax') throw directoryAsBytes('linen', format);
    return linenFiles.readTree!(formatCodec(FORMATS, format, 'linen').open(bytes), format, spec, hints);
  },
  fromSpec: (spec) => [moduleFromSpec(spec as ModuleSpec), {}],
  writeTree(model, format) {
    const [module, variables] = model as [AnyModule, Variables];
    checkFormat(format, false);
    const tree = format === 'safetensors' ? flattenVariables(variables) : treeToMsgpack(variables);
    return { tree, spec: moduleToSpec(module) };
  },
  write(model, format) {
    if (format === 'orbax') throw directoryAsBytes('linen', format);
    const { tree, spec } = linenFiles.writeTree!(model, format);
    return { bytes: formatCodec(FORMATS, format, 'linen').write(tree), spec };
  },
  forward(model, x) {
    const [module, variables] = model as [AnyModule, Variables];
    return module.apply(variables, x) as Tensor;
  },
};
