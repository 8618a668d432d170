import { defineMapping } from '@interop/core';
import type { EmbeddingIR } from '@interop/core';
import { Embedding } from '../modules/embedding.js';

/**
 * `brainstate.nn.Embedding` ↔ `embedding`: the table `(num, features)` as is.
 *
 * @example
 * ```ts
 * embedding.toIR(new Embedding(7, 4), ctx);
 * ```
 */
export const embedding = defineMapping({
  meta: {
    framework: 'brainstate',
    layer: 'Embedding',
    ir: 'embedding',
    status: 'stable',
    description: 'brainstate.nn.Embedding ↔ embedding (table (num, features))',
  },
  layerType: Embedding,
  toIR: (layer: Embedding) => layer.toIR(),
  fromIR: (ir: EmbeddingIR) => {
    const layer = new Embedding(ir.params.numEmbeddings, ir.params.features);
    layer.weight.value = ir.tensors.embedding!;
    return layer;
  },
});
