import { defineMapping, split } from '@interop/core';
import type { LSTMCellIR } from '@interop/core';
import { LinenNode } from '../adapter.js';
import { LSTMCell } from '../modules/lstm-cell.js';
import type { VariableTree } from '../variables.js';

/**
 * `nn.LSTMCell` ↔ `lstm-cell`: the eight gate Denses concatenated in gate order i, f, g, o
 * (input kernels `ii..io`, hidden kernels and biases `hi..ho`), split back on the way in.
 *
 * @example
 * ```ts
 * lstmCell.toIR(new LinenNode(new LSTMCell(4), variables), ctx);
 * ```
 */
export const lstmCell = defineMapping({
  meta: { framework: 'linen', layer: 'LSTMCell', ir: 'lstm-cell', status: 'stable', description: 'flax.linen.LSTMCell ↔ lstm-cell (ii..io, hi..ho)' },
  layerType: LSTMCell,
  toIR: (node: LinenNode) => node.module.toIR(node.variables),
  fromIR: (ir: LSTMCellIR) => {
    const h = ir.params.hiddenSize;
    const sizes = [h, h, h, h];
    const input = split(ir.tensors.inputKernel!, 1, sizes);
    const hidden = split(ir.tensors.hiddenKernel!, 1, sizes);
    const bias = split(ir.tensors.bias!, 0, sizes);
    const params: VariableTree = {};
    ['i', 'f', 'g', 'o'].forEach((g, k) => {
      params[`i${g}`] = { kernel: input[k]! };
      params[`h${g}`] = { kernel: hidden[k]!, bias: bias[k]! };
    });
    return new LinenNode(new LSTMCell(h), { params });
  },
});
