import { defineMapping } from '@interop/core';
import type { DropoutIR } from '@interop/core';
import { LinenNode } from '../adapter.js';
import { Dropout } from '../modules/dropout.js';

/**
 * `nn.Dropout` ↔ `dropout` (identity in inference; the rate travels).
 *
 * @example
 * ```ts
 * dropout.fromIR({ kind: 'dropout', params: { rate: 0.5 }, tensors: {} }, ctx);
 * ```
 */
export const dropout = defineMapping({
  meta: { framework: 'linen', layer: 'Dropout', ir: 'dropout', status: 'stable', description: 'flax.linen.Dropout ↔ dropout' },
  layerType: Dropout,
  toIR: (node: LinenNode) => node.module.toIR(node.variables),
  fromIR: (ir: DropoutIR) => new LinenNode(new Dropout(ir.params.rate, { deterministic: true }), {}),
});
