import type { Tensor } from '@interop/core';
import { inferArchitecture, moduleFromSpec, moduleToSpec, readPureDict, readState, readStateSafetensors, writeState, writeStateSafetensors } from '@interop/nnx';
import type { AnyModule, ModuleSpec } from '@interop/nnx';
import { formatError, requireSpec } from './require-spec.js';
import type { FrameworkFiles } from './types.js';

/**
 * Flax NNX: `nnx.to_pure_dict(state)` as `flax.serialization` msgpack (architecture inferred from
 * its names when no spec is given), or safetensors.
 */
export const nnxFiles: FrameworkFiles = {
  framework: 'nnx',
  formats: ['msgpack', 'safetensors'],
  read(bytes, format, spec) {
    if (format === 'eqx') throw formatError('nnx', format, this.formats);
    if (spec === undefined && format === 'msgpack') {
      const { module, assumed } = inferArchitecture(readPureDict(bytes));
      return { model: module, spec: moduleToSpec(module), assumed };
    }
    const given = requireSpec(spec, 'nnx', 'an NNX safetensors file is read only with its spec', '{"type": "Linear", "in_features": 4, "out_features": 8}');
    const module = moduleFromSpec(given as ModuleSpec);
    return { model: format === 'msgpack' ? readState(module, bytes) : readStateSafetensors(module, bytes), spec: given, assumed: [] };
  },
  fromSpec: (spec) => moduleFromSpec(spec as ModuleSpec),
  write(model, format) {
    const module = model as AnyModule;
    if (format === 'eqx') throw formatError('nnx', format, this.formats);
    return { bytes: format === 'msgpack' ? writeState(module) : writeStateSafetensors(module), spec: moduleToSpec(module) };
  },
  forward(model, x) {
    const module = model as AnyModule;
    module.eval();
    return module.call(x) as Tensor;
  },
};
