import { defineMapping } from '@interop/core';
import type { LSTMCellIR } from '@interop/core';
import { DTYPE_FIELDS, LSTM_GATES, lstmGates, need, needed } from '@interop/flax';
import { LinenNode } from '../adapter.js';
import type { LinenLayerSpec } from '../layer-spec.js';
import { LSTMCell } from '../modules/lstm-cell.js';
import { hasExactly, leaf, subtree } from '../variables.js';
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
  meta: {
    framework: 'linen',
    layer: 'LSTMCell',
    ir: 'lstm-cell',
    status: 'stable',
    description: 'flax.linen.LSTMCell ↔ lstm-cell (ii..io, hi..ho)',
  },
  layerType: LSTMCell,
  toIR: (node: LinenNode) => node.module.toIR(node.variables),
  fromIR: (ir: LSTMCellIR) => {
    const params: VariableTree = {};
    lstmGates(ir).forEach((gate, k) => {
      params[`i${LSTM_GATES[k]}`] = { kernel: gate.input };
      params[`h${LSTM_GATES[k]}`] = { kernel: gate.hidden, bias: gate.bias };
    });
    return new LinenNode(new LSTMCell(ir.params.hiddenSize), { params });
  },
});

/**
 * The spec of `nn.LSTMCell`; inferred from its eight gate Denses `ii..io`, `hi..ho`.
 *
 * @example
 * ```ts
 * lstmCellSpec.write(new LSTMCell(4)); // { type: 'LSTMCell', features: 4 }
 * ```
 */
export const lstmCellSpec: LinenLayerSpec<LSTMCell> = {
  layerType: LSTMCell,
  types: { LSTMCell: ['features', 'dtype', 'param_dtype'] },
  fields: { features: needed('int', 8), ...DTYPE_FIELDS },
  read: (spec, { dtypes }) => new LSTMCell(need(spec, 'features'), dtypes),
  write: (m) => ({ type: 'LSTMCell', features: m.features }),
  infer: ({ params }) => {
    if (
      !hasExactly(
        params,
        LSTM_GATES.flatMap((g) => [`i${g}`, `h${g}`]),
      )
    )
      return undefined;
    return new LSTMCell(leaf(subtree(params, 'hi'), 'kernel')!.shape[0]!);
  },
};
