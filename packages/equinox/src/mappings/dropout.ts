import { defineMapping } from '@interop/core';
import type { DropoutIR } from '@interop/core';
import { EqxNode } from '../adapter.js';
import { Dropout } from '../modules/dropout.js';

/**
 * `eqx.nn.Dropout` ↔ `dropout`: `p` is the rate; built in inference mode (a converted model is
 * for evaluation).
 *
 * @example
 * ```ts
 * dropout.fromIR({ kind: 'dropout', params: { rate: 0.3 }, tensors: {} }, ctx).module; // Dropout(0.3, inference=True)
 * ```
 */
export const dropout = defineMapping({
  meta: {
    framework: 'equinox',
    layer: 'Dropout',
    ir: 'dropout',
    status: 'stable',
    description: 'eqx.nn.Dropout ↔ dropout (p; built with inference=True)',
  },
  layerType: Dropout,
  toIR: (node: EqxNode) => (node.module as Dropout).toIR(),
  fromIR: (ir: DropoutIR) => new EqxNode(new Dropout(ir.params.rate, true)),
});
