import { defineMapping } from '@interop/core';
import type { EmbeddingIR } from '@interop/core';
import { DTYPE_FIELDS, need, needed } from '@interop/flax';
import { LinenNode } from '../adapter.js';
import type { LinenLayerSpec } from '../layer-spec.js';
import { Embed } from '../modules/embed.js';
import { leaf } from '../variables.js';

/**
 * `nn.Embed` ↔ `embedding` (`embedding (N, F)` is the canonical layout).
 *
 * @example
 * ```ts
 * embed.toIR(new LinenNode(new Embed(10, 6), variables), ctx);
 * ```
 */
export const embed = defineMapping({
  meta: { framework: 'linen', layer: 'Embed', ir: 'embedding', status: 'stable', description: 'flax.linen.Embed ↔ embedding' },
  layerType: Embed,
  toIR: (node: LinenNode) => node.module.toIR(node.variables),
  fromIR: (ir: EmbeddingIR) =>
    new LinenNode(new Embed(ir.params.numEmbeddings, ir.params.features), { params: { embedding: ir.tensors.embedding! } }),
});

/**
 * The spec of `nn.Embed`; inferred from an `embedding` array.
 *
 * @example
 * ```ts
 * embedSpec.write(new Embed(10, 6)); // { type: 'Embed', num_embeddings: 10, features: 6 }
 * ```
 */
export const embedSpec: LinenLayerSpec<Embed> = {
  layerType: Embed,
  types: { Embed: ['num_embeddings', 'features', 'dtype', 'param_dtype'] },
  fields: { num_embeddings: needed('int', 10), features: needed('int', 8), ...DTYPE_FIELDS },
  read: (spec, { dtypes }) => new Embed(need(spec, 'num_embeddings'), need(spec, 'features'), dtypes),
  write: (m) => ({ type: 'Embed', num_embeddings: m.numEmbeddings, features: m.features }),
  infer: ({ params }) => {
    const embedding = leaf(params, 'embedding');
    return embedding ? new Embed(embedding.shape[0]!, embedding.shape[1]!) : undefined;
  },
};
