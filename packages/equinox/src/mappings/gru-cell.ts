import { defineMapping, Tensor, transpose } from '@interop/core';
import type { GRUCellIR } from '@interop/core';
import { EqxNode } from '../adapter.js';
import { assemble } from '../modules/common.js';
import { GRUCell } from '../modules/cells.js';
import { checkedToIR } from './check-input.js';

/**
 * `eqx.nn.GRUCell` ↔ `gru-cell` (reset after the hidden matmul): weights transposed, `bias`
 * the input-side `(3H,)`, `bias_n` the IR's `hiddenBiasN`. Equinox's `use_bias` covers both, so
 * an IR with only one of them gets the other as zeros, which computes the same.
 *
 * @example
 * ```ts
 * gruCell.toIR(new EqxNode(new GRUCell(3, 4, { key: key(0) })), ctx);
 * ```
 */
export const gruCell = defineMapping({
  meta: {
    framework: 'equinox',
    layer: 'GRUCell',
    ir: 'gru-cell',
    status: 'stable',
    description: 'eqx.nn.GRUCell ↔ gru-cell (bias_n = hiddenBiasN)',
  },
  layerType: GRUCell,
  toIR: checkedToIR((m: GRUCell) => ({ channels: m.inputSize })),
  fromIR: (ir: GRUCellIR) => {
    const { inputKernel, hiddenKernel, bias, hiddenBiasN } = ir.tensors;
    const h = ir.params.hiddenSize;
    const useBias = bias !== undefined || hiddenBiasN !== undefined;
    const dtype = inputKernel!.dtype;
    return new EqxNode(
      assemble(GRUCell, {
        weightIh: transpose(inputKernel!, [1, 0]),
        weightHh: transpose(hiddenKernel!, [1, 0]),
        bias: useBias ? (bias ?? Tensor.zeros([3 * h], dtype)) : null,
        biasN: useBias ? (hiddenBiasN ?? Tensor.zeros([h], dtype)) : null,
        inputSize: ir.params.inputSize,
        hiddenSize: h,
        useBias,
      }),
    );
  },
});
