import { directoryAsBytes, formatCodec, requireSpec, unsupportedFormat } from '@interop/core';
import type { PluginFiles, Tensor } from '@interop/core';
import { msgpackCodec, orbaxCodec, safetensorsCodec } from '@interop/formats';
import { loadPureDict, loadStateTensors, pureDictOfTree, stateSafetensorsTree, stateTree } from './files.js';
import { orbaxStateTree, pureTreeOfOrbax } from './files-part-orbax.js';
import { unflatten } from './graph.js';
import { inferArchitecture } from './infer.js';
import type { AnyModule } from './module.js';
import { ModuleTree } from './module-tree.js';
import { SHAPE_ONLY } from './rngs.js';
import { requireEveryVariable } from './require-every-variable.js';
import { moduleFromSpec, nnxSpecs } from './spec.js';
import type { ModuleSpec } from './spec.js';
import { moduleToSpec } from './to-spec.js';

const FORMATS = [msgpackCodec, safetensorsCodec];
const DIRECTORIES = [orbaxCodec];
const known = (format: string) => FORMATS.some((c) => c.id === format) || DIRECTORIES.some((c) => c.id === format);
// Pure-dict trees: msgpack files and Orbax directories (a State's `value` level removed first).
const pureFormat = (format: string) => format === 'msgpack' || format === 'orbax';
const requireGivenSpec = (spec: unknown) =>
  requireSpec(
    spec,
    'NNX',
    'an NNX safetensors file is read only with its spec',
    '{"type": "Module", "name": "CNN", "children": {"conv1": {"type": "Conv", "in_features": 1, "out_features": 4, "kernel_size": [3, 3]}, ...}, "forward": ["conv1", ...]} or {"type": "Linear", "in_features": 4, "out_features": 8}',
  );

/**
 * Flax NNX files: `nnx.to_pure_dict(state)` as `flax.serialization` msgpack (architecture
 * inferred from its names when no spec is given: layers, `Sequential` stacks, or module trees of
 * the layers the state shows), safetensors, or an Orbax directory (`files.directories`: an
 * `nnx.State` saved with `StandardCheckpointer`, leaves under `value`, or a pure dict; written as
 * a State, which Python restores onto `nnx.eval_shape`'s abstract state). A `Module` spec (`--arch`) gives a user's model
 * with its forward. Trees (`readTree` / `writeTree`) are what the codecs open and write; the
 * bytes members are the codecs around them.
 *
 * @example
 * ```ts
 * const { model, spec, assumed } = nnxFiles.read(bytes, 'msgpack', undefined);
 * ```
 */
export const nnxFiles: PluginFiles = {
  formats: FORMATS,
  directories: DIRECTORIES,
  readTree(input, format, spec) {
    if (!known(format)) throw unsupportedFormat('nnx', format, FORMATS);
    const tree = format === 'orbax' ? pureTreeOfOrbax(input) : input;
    if (spec === undefined && pureFormat(format)) {
      const { module, assumed } = inferArchitecture(pureDictOfTree(tree));
      return { model: module, spec: moduleToSpec(module), assumed };
    }
    const given = requireGivenSpec(spec);
    // Built only to receive the file's state: no weights are drawn (drawing 512 MiB of them with
    // JAX's generator takes minutes), as nnx.eval_shape builds the abstract model NNX restores into.
    const module = nnxSpecs.read(given as ModuleSpec, { seed: 0, shared: SHAPE_ONLY, rngs: SHAPE_ONLY });
    const pure = pureFormat(format) ? pureDictOfTree(tree) : undefined;
    const model = pure ? loadPureDict(module, pure) : loadStateTensors(module, tree as ReadonlyMap<string, Tensor>);
    requireEveryVariable(model, pure ?? unflatten(Object.fromEntries(tree as ReadonlyMap<string, Tensor>)));
    return { model, spec: given, assumed: [] };
  },
  read(bytes, format, spec, hints) {
    if (format === 'orbax') throw directoryAsBytes('nnx', format);
    // What the file cannot do without a spec is refused before the file is parsed.
    if (known(format) && spec === undefined && format !== 'msgpack') requireGivenSpec(spec);
    return nnxFiles.readTree!(formatCodec(FORMATS, format, 'nnx').open(bytes), format, spec, hints);
  },
  fromSpec: (spec) => moduleFromSpec(spec as ModuleSpec),
  writeTree(model, format) {
    const module = model as AnyModule;
    if (!known(format)) throw unsupportedFormat('nnx', format, FORMATS);
    if (format === 'orbax') return { tree: orbaxStateTree(module), spec: moduleToSpec(module) };
    // A tree's nnx.List indices as msgpack_serialize(nnx.to_pure_dict(state)) writes them (ints),
    // the file NNX users save; layers and Sequential stacks keep the digit-string keys they had.
    const tree =
      format === 'msgpack' ? stateTree(module, module instanceof ModuleTree ? { keys: 'int' } : {}) : stateSafetensorsTree(module);
    return { tree, spec: moduleToSpec(module) };
  },
  write(model, format) {
    if (format === 'orbax') throw directoryAsBytes('nnx', format);
    const { tree, spec } = nnxFiles.writeTree!(model, format);
    return { bytes: formatCodec(FORMATS, format, 'nnx').write(tree), spec };
  },
  forward(model, x) {
    const module = model as AnyModule;
    module.eval();
    return module.call(x) as Tensor;
  },
};
