import { defineMapping } from '@interop/core';
import type { EmbeddingIR } from '@interop/core';
import { DTYPE_FIELDS, need, needed } from '@interop/flax';
import { DTYPE_ARGS, leafOf } from '../layer-spec.js';
import type { NnxLayerSpec } from '../layer-spec.js';
import { Embed } from '../modules/embed.js';
import { SHAPE_ONLY } from '../rngs.js';
import { fill, floatDtype } from './build.js';

/**
 * `nnx.Embed` ↔ `embedding`: the `(num_embeddings, features)` table as it is.
 *
 * @example
 * ```ts
 * embed.toIR(new Embed(10, 6, { rngs: new Rngs(0) }), ctx);
 * ```
 */
export const embed = defineMapping({
  meta: { framework: 'nnx', layer: 'Embed', ir: 'embedding', status: 'stable', description: 'flax.nnx.Embed ↔ embedding' },
  layerType: Embed,
  toIR: (layer: Embed) => layer.toIR(),
  fromIR: (ir: EmbeddingIR) => {
    const dt = floatDtype(ir.tensors.embedding);
    const m = new Embed(ir.params.numEmbeddings, ir.params.features, { dtype: dt, paramDtype: dt, rngs: SHAPE_ONLY });
    fill(m.embedding, ir.tensors.embedding);
    return m;
  },
});

/**
 * The spec of `nnx.Embed`; inferred from an `embedding` array.
 *
 * @example
 * ```ts
 * embedSpec.write(embed); // { type: 'Embed', num_embeddings: 10, features: 6 }
 * ```
 */
export const embedSpec: NnxLayerSpec<Embed> = {
  layerType: Embed,
  types: { Embed: ['num_embeddings', 'features', ...DTYPE_ARGS] },
  fields: { num_embeddings: needed('int', 10), features: needed('int', 8), ...DTYPE_FIELDS },
  read: (spec, { dtypes, rngs }) => new Embed(need(spec, 'num_embeddings'), need(spec, 'features'), { ...dtypes, rngs }),
  write: (m) => ({ type: 'Embed', num_embeddings: m.numEmbeddings, features: m.features }),
  infer: (tree) => {
    const embedding = leafOf(tree, 'embedding');
    return embedding
      ? new Embed(embedding.shape[0]!, embedding.shape[1]!, { rngs: SHAPE_ONLY, paramDtype: floatDtype(embedding) })
      : undefined;
  },
};
