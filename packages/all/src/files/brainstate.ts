import type { Tensor } from '@interop/core';
import { environ, moduleFromSpec, moduleToSpec, msgpackLoad, msgpackSave, safetensorsLoad, safetensorsSave } from '@interop/brainstate';
import type { Module, ModuleSpec } from '@interop/brainstate';
import { formatError, requireSpec } from './require-spec.js';
import type { FrameworkFiles } from './types.js';

/** BrainState: the state tree as braintools msgpack (`msgpack_save`), or safetensors. */
export const brainstateFiles: FrameworkFiles = {
  framework: 'brainstate',
  formats: ['msgpack', 'safetensors'],
  read(bytes, format, spec) {
    if (format === 'eqx') throw formatError('brainstate', format, this.formats);
    const given = requireSpec(spec, 'brainstate', 'a braintools checkpoint holds states (weight, bias) but not the layers or their in_size', '{"type": "Linear", "in_size": 4, "out_size": 8}');
    const module = moduleFromSpec(given as ModuleSpec);
    return { model: format === 'msgpack' ? msgpackLoad(module, bytes) : safetensorsLoad(module, bytes), spec: given, assumed: [] };
  },
  fromSpec: (spec) => moduleFromSpec(spec as ModuleSpec),
  write(model, format) {
    const module = model as Module;
    if (format === 'eqx') throw formatError('brainstate', format, this.formats);
    return { bytes: format === 'msgpack' ? msgpackSave(module) : safetensorsSave(module), spec: moduleToSpec(module) };
  },
  forward(model, x) {
    return environ.context({ fit: false }, () => (model as Module).call(x));
  },
};
