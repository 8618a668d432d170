import { InteropError, requireSpec, unsupportedFormat } from '@interop/core';
import type { PluginFiles, Tensor } from '@interop/core';
import { listTree, memorySource, msgpackCodec, safetensorsCodec, scanFlaxMsgpack } from '@interop/formats';
import { environ } from './environ.js';
import { msgpackLoad, msgpackSave, safetensorsLoad, safetensorsSave } from './files.js';
import { inferArchitecture } from './infer.js';
import type { Module } from './module.js';
import { RNNCell } from './modules/cell.js';
import { moduleFromSpec } from './spec.js';
import type { ModuleSpec } from './spec.js';
import { moduleToSpec } from './to-spec.js';

const FORMATS = [msgpackCodec, safetensorsCodec];
const known = (format: string) => FORMATS.some((c) => c.id === format);

/**
 * BrainState files: the state tree as braintools msgpack (`msgpack_save`) or safetensors. The
 * architecture is a spec (a layer, a `Sequential`, or a `Module` tree of a user's class with its
 * forward, which then runs) or, for msgpack, is inferred from the state names: a layer,
 * `layers/<i>` as a Sequential, other attributes as a tree without a forward (converted layer by
 * layer; a conv inside it needs `--arch`, its `in_size` is not stored).
 *
 * @example
 * ```ts
 * const { model, assumed } = brainstateFiles.read(bytes, 'msgpack', undefined, { sampleInput: [28, 28, 1] });
 * ```
 */
export const brainstateFiles: PluginFiles = {
  formats: FORMATS,
  read(bytes, format, spec, hints = {}) {
    if (!known(format)) throw unsupportedFormat('brainstate', format, FORMATS);
    if (spec === undefined && format === 'msgpack') {
      const { module, assumed } = inferArchitecture(bytes, hints.sampleInput ? { inputShape: hints.sampleInput } : {});
      return { model: module, spec: moduleToSpec(module), assumed };
    }
    const given = requireSpec(
      spec,
      'brainstate',
      'a safetensors file is read only with its spec',
      '{"type": "Linear", "in_size": 4, "out_size": 8}',
    );
    const module = moduleFromSpec(given as ModuleSpec);
    if (format === 'safetensors') return { model: safetensorsLoad(module, bytes), spec: given, assumed: [] };
    try {
      return { model: msgpackLoad(module, bytes), spec: given, assumed: [] };
    } catch (error) {
      // A cell saved after `init_state` carries its hidden states (h, c): make them, then load.
      const hidden =
        module instanceof RNNCell
          ? listTree(scanFlaxMsgpack(memorySource(bytes))).find((e) => e.keys.length === 1 && e.keys[0] === 'h')
          : undefined;
      if (!(error instanceof InteropError) || error.code !== 'E_FORMAT_MISMATCH' || !hidden) throw error;
      module.initState(hidden.shape[0]);
      return {
        model: msgpackLoad(module, bytes),
        spec: given,
        assumed: [`the cell's hidden states are saved for a batch of ${hidden.shape[0]}`],
      };
    }
  },
  fromSpec: (spec) => moduleFromSpec(spec as ModuleSpec),
  write(model, format) {
    const module = model as Module;
    if (!known(format)) throw unsupportedFormat('brainstate', format, FORMATS);
    return { bytes: format === 'msgpack' ? msgpackSave(module) : safetensorsSave(module), spec: moduleToSpec(module) };
  },
  forward(model, x) {
    return environ.context({ fit: false }, () => (model as Module).call(x)) as Tensor;
  },
};
