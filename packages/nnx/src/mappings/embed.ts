import { defineMapping } from '@interop/core';
import type { EmbeddingIR } from '@interop/core';
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
