import { defineMapping } from '@interop/core';
import { checkedToIR } from './shape-check.js';
import type { LSTMCellIR } from '@interop/core';
import { LSTMCell, fusedLSTMWeights } from '../modules/lstm-cell.js';

/**
 * `brainstate.nn.LSTMCell` ↔ `lstm-cell`: the fused `W.weight` `(in + h, 4h)` splits into input and
 * hidden kernels, gate blocks `[i, g, f, o]` ↔ `[i, f, g, o]`, and the forget gate's run-time `+1`
 * folds into the IR's effective bias. A cell built without bias converts with that `+1` as its
 * bias (the anchor crashes there).
 *
 * @example
 * ```ts
 * lstmCell.toIR(new LSTMCell(3, 4), ctx);
 * ```
 */
export const lstmCell = defineMapping({
  meta: {
    framework: 'brainstate',
    layer: 'LSTMCell',
    ir: 'lstm-cell',
    status: 'stable',
    description: 'brainstate.nn.LSTMCell ↔ lstm-cell (fused W, gates i,g,f,o, forget +1 folded)',
  },
  layerType: LSTMCell,
  toIR: checkedToIR((ir: LSTMCellIR) => ir.params.inputSize),
  fromIR: (ir: LSTMCellIR) => {
    const cell = new LSTMCell(ir.params.inputSize, ir.params.hiddenSize);
    cell.W.weight.value = fusedLSTMWeights(ir);
    return cell;
  },
});
