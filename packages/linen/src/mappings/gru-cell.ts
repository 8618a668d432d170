import { Tensor, defineMapping, split } from '@interop/core';
import type { GRUCellIR } from '@interop/core';
import { LinenNode } from '../adapter.js';
import { GRUCell } from '../modules/gru-cell.js';
import type { VariableTree } from '../variables.js';

/**
 * `nn.GRUCell` ↔ `gru-cell` (the cuDNN form Linen computes): `ir, iz, in` kernels and biases,
 * `hr, hz, hn` kernels, `hn`'s bias as `hiddenBiasN`. An absent bias is built as exact zeros.
 *
 * @example
 * ```ts
 * gruCell.toIR(new LinenNode(new GRUCell(4), variables), ctx);
 * ```
 */
export const gruCell = defineMapping({
  meta: { framework: 'linen', layer: 'GRUCell', ir: 'gru-cell', status: 'stable', description: 'flax.linen.GRUCell ↔ gru-cell (ir, iz, in, hr, hz, hn)' },
  layerType: GRUCell,
  toIR: (node: LinenNode) => node.module.toIR(node.variables),
  fromIR: (ir: GRUCellIR) => {
    const h = ir.params.hiddenSize;
    const sizes = [h, h, h];
    const input = split(ir.tensors.inputKernel!, 1, sizes);
    const hidden = split(ir.tensors.hiddenKernel!, 1, sizes);
    const bias = ir.tensors.bias ? split(ir.tensors.bias, 0, sizes) : sizes.map((n) => Tensor.zeros([n], 'float32'));
    const hiddenBiasN = ir.tensors.hiddenBiasN ?? Tensor.zeros([h], 'float32');
    const params: VariableTree = {};
    ['r', 'z', 'n'].forEach((g, k) => {
      params[`i${g}`] = { kernel: input[k]!, bias: bias[k]! };
      params[`h${g}`] = g === 'n' ? { kernel: hidden[k]!, bias: hiddenBiasN } : { kernel: hidden[k]! };
    });
    return new LinenNode(new GRUCell(h), { params });
  },
});
