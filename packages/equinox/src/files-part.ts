import { InteropError, expectBytes, formatCodec, requireSpec, shapeOnly, unsupportedFormat } from '@interop/core';
import type { PluginFiles, Tensor } from '@interop/core';
import { eqxCodec } from '@interop/formats';
import { inferenceMode } from './inference-mode.js';
import { toChannelsFirst, toChannelsLast } from './layout.js';
import type { Module } from './module.js';
import { modelWithStateFromSpec } from './spec.js';
import type { ModuleSpec } from './spec.js';
import { State } from './state.js';
import { moduleToSpec } from './to-spec.js';
import { treeFromLeaves, treeLeaves } from './tree.js';
import { vmapCall } from './vmap.js';

const FORMATS = [eqxCodec];

const requireGivenSpec = (spec: unknown) =>
  requireSpec(
    spec,
    'Equinox',
    'an .eqx leaf stream holds arrays in order, with no names or shapes of layers',
    '{"type": "Linear", "in_features": 4, "out_features": 8}, or for your eqx.Module {"type": "Module", "name": "CNN", "children": {"conv": {...}, "fc": {...}}, "forward": ["conv", {"fn": "relu"}, {"fn": "flatten"}, "fc"]}',
  );

function parts(model: unknown): [Module, State | null] {
  if (Array.isArray(model) && model[1] instanceof State) return [model[0] as Module, model[1]];
  return [model as Module, null];
}

/**
 * Equinox files: the leaves of the model (and its `State`, saved together as `(model, state)`)
 * as `eqx.tree_serialise_leaves` writes them. A leaf stream has no names, so reading always
 * needs the spec: a layer, a `Sequential`, or a `Module` tree (the user's `eqx.Module`: its
 * fields in order, its forward) whose file is read, run and written back byte-identical. Trees
 * (`readTree` / `writeTree`: the leaves in order) are what the eqx codec opens and writes.
 *
 * @example
 * ```ts
 * const { model } = equinoxFiles.read(bytes, 'eqx', { type: 'Linear', in_features: 4, out_features: 8 });
 * ```
 */
export const equinoxFiles: PluginFiles = {
  formats: FORMATS,
  readTree(tree, format, spec) {
    if (format !== 'eqx') throw unsupportedFormat('equinox', format, FORMATS);
    const given = requireGivenSpec(spec);
    const leaves = tree as readonly unknown[];
    // Built only to receive the file's leaves, as eqx.filter_eval_shape builds it: no weights are
    // drawn and the file's (lazy) arrays go in as they are. The State is built as before: a file
    // without it keeps BatchNorm's initial statistics, which are constants, not draws.
    const [model, state] = shapeOnly(() => modelWithStateFromSpec(given as ModuleSpec));
    if (!state) return { model: treeFromLeaves(leaves, model), spec: given, assumed: [] };
    try {
      return { model: treeFromLeaves(leaves, [model, state]), spec: given, assumed: [] };
    } catch (error) {
      // Equinox users also save the model alone and keep the State apart: accept that file too.
      if (!(error instanceof InteropError) || error.code !== 'E_FORMAT_MISMATCH') throw error;
      let alone: Module;
      try {
        alone = treeFromLeaves(leaves, model);
      } catch {
        throw error;
      }
      return {
        model: [alone, state],
        spec: given,
        assumed: ['the file holds the model without its State: BatchNorm running statistics are their initial values (mean 0, variance 1)'],
      };
    }
  },
  read(bytes, format, spec, hints) {
    if (format !== 'eqx') throw unsupportedFormat('equinox', format, FORMATS);
    requireGivenSpec(spec);
    expectBytes(bytes, 'equinoxFiles.read(bytes, format, spec)', 'an .eqx file');
    return equinoxFiles.readTree!(formatCodec(FORMATS, format, 'equinox').open(bytes), format, spec, hints);
  },
  fromSpec(spec) {
    const [model, state] = modelWithStateFromSpec(spec as ModuleSpec);
    return state ? [model, state] : model;
  },
  writeTree(model, format) {
    if (format !== 'eqx') throw unsupportedFormat('equinox', format, FORMATS);
    const [module, state] = parts(model);
    return { tree: treeLeaves(state ? [module, state] : module).map((l) => l.leaf), spec: moduleToSpec(module) };
  },
  write(model, format) {
    const { tree, spec } = equinoxFiles.writeTree!(model, format);
    return { bytes: formatCodec(FORMATS, format, 'equinox').write(tree), spec };
  },
  forward(model, x) {
    // As eqx.nn.inference_mode(model): BatchNorm on its running statistics, Dropout off.
    const [trained, state] = parts(model);
    const module = inferenceMode(trained);
    const xs = toChannelsFirst(x, true);
    const out = state ? (vmapCall(module, xs, state) as [Tensor, State])[0] : vmapCall(module, xs);
    if (!(out && typeof (out as Tensor).ndim === 'number')) {
      throw new InteropError('E_INVALID_ARGUMENT', 'verify runs feed-forward models; this Equinox model returns a carry', {
        fix: 'Check recurrent cells from the API with their carry',
      });
    }
    return toChannelsLast(out as Tensor, true);
  },
};
