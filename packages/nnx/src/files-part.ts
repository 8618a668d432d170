import { requireSpec, unsupportedFormat } from '@interop/core';
import type { PluginFiles, Tensor } from '@interop/core';
import { msgpackCodec, safetensorsCodec } from '@interop/formats';
import { readPureDict, readState, readStateSafetensors, writeState, writeStateSafetensors } from './files.js';
import { inferArchitecture } from './infer.js';
import type { AnyModule } from './module.js';
import { ModuleTree } from './module-tree.js';
import { moduleFromSpec } from './spec.js';
import type { ModuleSpec } from './spec.js';
import { moduleToSpec } from './to-spec.js';

const FORMATS = [msgpackCodec, safetensorsCodec];
const known = (format: string) => FORMATS.some((c) => c.id === format);

/**
 * Flax NNX files: `nnx.to_pure_dict(state)` as `flax.serialization` msgpack (architecture
 * inferred from its names when no spec is given: layers, `Sequential` stacks, or module trees of
 * the layers the state shows), or safetensors. A `Module` spec (`--arch`) gives a user's model
 * with its forward.
 *
 * @example
 * ```ts
 * const { model, spec, assumed } = nnxFiles.read(bytes, 'msgpack', undefined);
 * ```
 */
export const nnxFiles: PluginFiles = {
  formats: FORMATS,
  read(bytes, format, spec) {
    if (!known(format)) throw unsupportedFormat('nnx', format, FORMATS);
    if (spec === undefined && format === 'msgpack') {
      const { module, assumed } = inferArchitecture(readPureDict(bytes));
      return { model: module, spec: moduleToSpec(module), assumed };
    }
    const given = requireSpec(
      spec,
      'nnx',
      'an NNX safetensors file is read only with its spec',
      '{"type": "Module", "name": "CNN", "children": {"conv1": {"type": "Conv", "in_features": 1, "out_features": 4, "kernel_size": [3, 3]}, ...}, "forward": ["conv1", ...]} or {"type": "Linear", "in_features": 4, "out_features": 8}',
    );
    const module = moduleFromSpec(given as ModuleSpec);
    return { model: format === 'msgpack' ? readState(module, bytes) : readStateSafetensors(module, bytes), spec: given, assumed: [] };
  },
  fromSpec: (spec) => moduleFromSpec(spec as ModuleSpec),
  write(model, format) {
    const module = model as AnyModule;
    if (!known(format)) throw unsupportedFormat('nnx', format, FORMATS);
    // A tree's nnx.List indices as msgpack_serialize(nnx.to_pure_dict(state)) writes them (ints),
    // the file NNX users save; layers and Sequential stacks keep the digit-string keys they had.
    const bytes =
      format === 'msgpack' ? writeState(module, module instanceof ModuleTree ? { keys: 'int' } : {}) : writeStateSafetensors(module);
    return { bytes, spec: moduleToSpec(module) };
  },
  forward(model, x) {
    const module = model as AnyModule;
    module.eval();
    return module.call(x) as Tensor;
  },
};
