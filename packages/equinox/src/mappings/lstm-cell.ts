import { defineMapping, transpose } from '@interop/core';
import type { LSTMCellIR } from '@interop/core';
import { EqxNode } from '../adapter.js';
import { assemble } from '../modules/common.js';
import { LSTMCell } from '../modules/cells.js';
import { checkedToIR } from './check-input.js';

/**
 * `eqx.nn.LSTMCell` ↔ `lstm-cell`: `weight_ih (4H, in)` and `weight_hh (4H, H)` are the IR
 * kernels transposed, gates i, f, g, o in both; the carry is `(h, c)` in Equinox.
 *
 * @example
 * ```ts
 * lstmCell.toIR(new EqxNode(new LSTMCell(3, 4, { key: key(0) })), ctx);
 * ```
 */
export const lstmCell = defineMapping({
  meta: {
    framework: 'equinox',
    layer: 'LSTMCell',
    ir: 'lstm-cell',
    status: 'stable',
    description: 'eqx.nn.LSTMCell ↔ lstm-cell (weights transposed; carry (h, c))',
  },
  layerType: LSTMCell,
  toIR: checkedToIR((m: LSTMCell) => ({ channels: m.inputSize })),
  fromIR: (ir: LSTMCellIR) => {
    const { inputKernel, hiddenKernel, bias } = ir.tensors;
    return new EqxNode(
      assemble(LSTMCell, {
        weightIh: transpose(inputKernel!, [1, 0]),
        weightHh: transpose(hiddenKernel!, [1, 0]),
        bias: bias ?? null,
        inputSize: ir.params.inputSize,
        hiddenSize: ir.params.hiddenSize,
        useBias: bias !== undefined,
      }),
    );
  },
});
