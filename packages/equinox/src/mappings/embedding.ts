import { defineMapping } from '@interop/core';
import type { EmbeddingIR } from '@interop/core';
import { EqxNode } from '../adapter.js';
import { Embedding } from '../modules/embedding.js';

/**
 * `eqx.nn.Embedding` ↔ `embedding`: the `(num_embeddings, embedding_size)` table as it is.
 *
 * @example
 * ```ts
 * embedding.fromIR(ir, ctx).module; // Embedding(weight=table)
 * ```
 */
export const embedding = defineMapping({
  meta: {
    framework: 'equinox',
    layer: 'Embedding',
    ir: 'embedding',
    status: 'stable',
    description: 'eqx.nn.Embedding ↔ embedding (weight (N, E))',
  },
  layerType: Embedding,
  toIR: (node: EqxNode) => (node.module as Embedding).toIR(),
  fromIR: (ir: EmbeddingIR) => new EqxNode(new Embedding({ weight: ir.tensors.embedding! })),
});
