import { defineMapping } from '@interop/core';
import type { EmbeddingIR } from '@interop/core';
import { LinenNode } from '../adapter.js';
import { Embed } from '../modules/embed.js';

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
