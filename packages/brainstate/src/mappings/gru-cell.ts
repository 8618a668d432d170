import { defineMapping } from '@interop/core';
import { checkedToIR } from './shape-check.js';
import type { GRUCellChoIR } from '@interop/core';
import { GRUCell } from '../modules/gru-cell.js';

/**
 * `brainstate.nn.GRUCell` ↔ `gru-cell-cho`, the Cho-2014 GRU no other framework has: `Wrz` is the
 * gate kernel `(in + h, 2h)`, `Wh` the candidate kernel `(in + h, h)`. Converting it to another
 * framework is refused with the anchor's reason (the plugin's `gru-cell-cho` refusal).
 *
 * @example
 * ```ts
 * gruCell.toIR(new GRUCell(3, 4), ctx);
 * ```
 */
export const gruCell = defineMapping({
  meta: {
    framework: 'brainstate',
    layer: 'GRUCell',
    ir: 'gru-cell-cho',
    status: 'stable',
    description: 'brainstate.nn.GRUCell ↔ gru-cell-cho (Wrz (in+h, 2h), Wh (in+h, h))',
  },
  layerType: GRUCell,
  toIR: checkedToIR((ir: GRUCellChoIR) => ir.params.inputSize),
  fromIR: (ir: GRUCellChoIR) => {
    const { gateKernel, gateBias, candidateKernel, candidateBias } = ir.tensors;
    const cell = new GRUCell(ir.params.inputSize, ir.params.hiddenSize);
    cell.Wrz.weight.value = gateBias ? { weight: gateKernel!, bias: gateBias } : { weight: gateKernel! };
    cell.Wh.weight.value = candidateBias ? { weight: candidateKernel!, bias: candidateBias } : { weight: candidateKernel! };
    return cell;
  },
});
