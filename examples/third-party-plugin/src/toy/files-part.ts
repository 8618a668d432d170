import { InteropError, requireSpec, unsupportedFormat } from '@interop/core';
import type { PluginFiles, Tensor } from '@interop/core';
import { Dense, Stack } from './model.js';
import type { ToyLayer } from './model.js';
import { SPEC_EXAMPLE, modelFromSpec, modelToSpec } from './spec.js';
import { toyCodec } from './toy-format.js';

const FORMATS = [toyCodec];

/** Each Dense layer of a model with the names its arrays have in a toy file. */
function denseLayers(model: ToyLayer): Array<[string, Dense]> {
  if (model instanceof Dense) return [['', model]];
  if (!(model instanceof Stack)) return [];
  return model.layers.flatMap((layer, i) => (layer instanceof Dense ? [[`layers.${i}.`, layer] as [string, Dense]] : []));
}

function take(arrays: Map<string, Tensor>, name: string, shape: readonly number[]): Tensor {
  const t = arrays.get(name);
  if (!t || t.shape.join() !== shape.join()) {
    throw new InteropError(
      'E_FORMAT_MISMATCH',
      `The toy file ${t ? `has ${name} of shape [${t.shape.join(', ')}]` : `has no ${name}`}, which the architecture needs`,
      {
        path: name,
        expected: `[${shape.join(', ')}]`,
        fix: 'Pass the --arch the file was written with (OUTPUT.arch.json beside it)',
      },
    );
  }
  arrays.delete(name);
  return t;
}

/**
 * The toy framework's files: one format (`toyCodec`), read with the architecture spec (a toy
 * file names arrays, not the layers between them), written with it, and run as the toy model
 * runs, on a batch `[batch, features]`.
 *
 * @example
 * ```ts
 * const { model } = toyFiles.read(bytes, 'toy', { type: 'Dense', in: 4, out: 8 });
 * ```
 */
export const toyFiles: PluginFiles = {
  formats: FORMATS,
  read(bytes, format, spec) {
    if (format !== 'toy') throw unsupportedFormat('toy', format, FORMATS);
    const given = requireSpec(spec, 'toy', 'a toy file holds named arrays, not the layers between them', SPEC_EXAMPLE);
    const model = modelFromSpec(given);
    const arrays = toyCodec.open(bytes) as Map<string, Tensor>;
    for (const [prefix, layer] of denseLayers(model)) {
      layer.weight = take(arrays, `${prefix}weight`, layer.weight.shape);
      layer.bias = take(arrays, `${prefix}bias`, layer.bias.shape);
    }
    if (arrays.size > 0) {
      throw new InteropError(
        'E_FORMAT_MISMATCH',
        `The toy file holds arrays the architecture has no place for: ${[...arrays.keys()].join(', ')}`,
        { fix: 'Pass the --arch the file was written with' },
      );
    }
    return { model, spec: given, assumed: [] };
  },
  fromSpec: (spec) => modelFromSpec(spec),
  write(model, format) {
    if (format !== 'toy') throw unsupportedFormat('toy', format, FORMATS);
    const layer = model as ToyLayer;
    const arrays = new Map(
      denseLayers(layer).flatMap(
        ([prefix, d]) =>
          [
            [`${prefix}weight`, d.weight],
            [`${prefix}bias`, d.bias],
          ] as Array<[string, Tensor]>,
      ),
    );
    return { bytes: toyCodec.write(arrays), spec: modelToSpec(layer) };
  },
  forward: (model, x) => (model as ToyLayer).call(x),
};
