import { InteropError, Tensor, formatCodec, requireSpec, shapeOnly, unsupportedFormat } from '@interop/core';
import type { PluginFiles } from '@interop/core';
import { msgpackCodec, safetensorsCodec } from '@interop/formats';
import { environ } from './environ.js';
import { msgpackLoadTree, msgpackTree, safetensorsLoadTensors, safetensorsTree } from './files.js';
import { inferArchitecture } from './infer.js';
import type { Module } from './module.js';
import { RNNCell } from './modules/cell.js';
import { moduleFromSpec } from './spec.js';
import type { ModuleSpec } from './spec.js';
import { moduleToSpec } from './to-spec.js';

const FORMATS = [msgpackCodec, safetensorsCodec];
const known = (format: string) => FORMATS.some((c) => c.id === format);
const requireGivenSpec = (spec: unknown) =>
  requireSpec(spec, 'BrainState', 'a safetensors file is read only with its spec', '{"type": "Linear", "in_size": 4, "out_size": 8}');

/** The top of a msgpack tree as a map, or an E_FORMAT_CORRUPT (a brainstate file is a dict of states). */
function stateMap(tree: unknown): ReadonlyMap<string, unknown> {
  if (tree instanceof Map) return tree;
  throw new InteropError('E_FORMAT_CORRUPT', 'a brainstate state file must hold a dict of states');
}

/**
 * BrainState files: the state tree as braintools msgpack (`msgpack_save`) or safetensors. The
 * architecture is a spec (a layer, a `Sequential`, or a `Module` tree of a user's class with its
 * forward, which then runs) or, for msgpack, is inferred from the state names: a layer,
 * `layers/<i>` as a Sequential, other attributes as a tree without a forward (converted layer by
 * layer; a conv inside it needs `--arch`, its `in_size` is not stored). Trees (`readTree` /
 * `writeTree`) are what the codecs open and write; the bytes members are the codecs around them.
 *
 * @example
 * ```ts
 * const { model, assumed } = brainstateFiles.read(bytes, 'msgpack', undefined, { sampleInput: [28, 28, 1] });
 * ```
 */
export const brainstateFiles: PluginFiles = {
  formats: FORMATS,
  readTree(tree, format, spec, hints = {}) {
    if (!known(format)) throw unsupportedFormat('brainstate', format, FORMATS);
    if (spec === undefined && format === 'msgpack') {
      const { module, assumed } = inferArchitecture(stateMap(tree), hints.sampleInput ? { inputShape: hints.sampleInput } : {});
      return { model: module, spec: moduleToSpec(module), assumed };
    }
    const given = requireGivenSpec(spec);
    // Built only to receive the file's states (every one is replaced): no initial weights are
    // drawn, the global random state stays where it was, the file's lazy arrays go in as they are.
    const module = shapeOnly(() => moduleFromSpec(given as ModuleSpec));
    if (format === 'safetensors')
      return { model: safetensorsLoadTensors(module, tree as ReadonlyMap<string, Tensor>), spec: given, assumed: [] };
    try {
      return { model: msgpackLoadTree(module, tree), spec: given, assumed: [] };
    } catch (error) {
      // A cell saved after `init_state` carries its hidden states (h, c): make them, then load.
      const hidden = module instanceof RNNCell && tree instanceof Map ? tree.get('h') : undefined;
      if (!(error instanceof InteropError) || error.code !== 'E_FORMAT_MISMATCH' || !(hidden instanceof Tensor)) throw error;
      module.initState(hidden.shape[0]);
      return {
        model: msgpackLoadTree(module, tree),
        spec: given,
        assumed: [`the cell's hidden states are saved for a batch of ${hidden.shape[0]}`],
      };
    }
  },
  read(bytes, format, spec, hints) {
    if (!known(format)) throw unsupportedFormat('brainstate', format, FORMATS);
    if (spec === undefined && format !== 'msgpack') requireGivenSpec(spec);
    return brainstateFiles.readTree!(formatCodec(FORMATS, format, 'brainstate').open(bytes), format, spec, hints);
  },
  fromSpec: (spec) => moduleFromSpec(spec as ModuleSpec),
  writeTree(model, format) {
    const module = model as Module;
    if (!known(format)) throw unsupportedFormat('brainstate', format, FORMATS);
    return { tree: format === 'msgpack' ? msgpackTree(module) : safetensorsTree(module), spec: moduleToSpec(module) };
  },
  write(model, format) {
    const { tree, spec } = brainstateFiles.writeTree!(model, format);
    return { bytes: formatCodec(FORMATS, format, 'brainstate').write(tree), spec };
  },
  forward(model, x) {
    return environ.context({ fit: false }, () => (model as Module).call(x)) as Tensor;
  },
};
