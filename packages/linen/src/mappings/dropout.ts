import { defineMapping } from '@interop/core';
import type { DropoutIR } from '@interop/core';
import { bool, need, needed, optional } from '@interop/flax';
import { LinenNode } from '../adapter.js';
import type { LinenLayerSpec } from '../layer-spec.js';
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

/**
 * The spec of `nn.Dropout` (no variables, so never inferred).
 *
 * @example
 * ```ts
 * dropoutSpec.read({ type: 'Dropout', rate: 0.1, deterministic: true }, context);
 * ```
 */
export const dropoutSpec: LinenLayerSpec<Dropout> = {
  layerType: Dropout,
  types: { Dropout: ['rate', 'deterministic'] },
  fields: { rate: needed('float', 0.5), deterministic: optional('bool | null', null) },
  read: (spec) => new Dropout(need(spec, 'rate'), { deterministic: bool(spec, 'deterministic') }),
  write: (m) => ({ type: 'Dropout', rate: m.rate, ...(m.deterministic !== undefined ? { deterministic: m.deterministic } : {}) }),
};
