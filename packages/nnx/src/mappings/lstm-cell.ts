import { defineMapping } from '@interop/core';
import type { LSTMCellIR } from '@interop/core';
import { DTYPE_FIELDS, LSTM_GATES, lstmGates, need, needed } from '@interop/flax';
import { DTYPE_ARGS, leafOf, missing, subtreeOf } from '../layer-spec.js';
import type { NnxLayerSpec } from '../layer-spec.js';
import { LSTMCell } from '../modules/lstm-cell.js';
import { SHAPE_ONLY } from '../rngs.js';
import { fill, floatDtype } from './build.js';

/**
 * `nnx.LSTMCell` ↔ `lstm-cell`: the eight gate Linears concatenated in gate order i, f, g, o
 * (input kernels `ii, if_, ig, io`; hidden kernels and biases `hi, hf, hg, ho`), split back on
 * the way in.
 *
 * @example
 * ```ts
 * lstmCell.toIR(new LSTMCell(3, 4, { rngs: new Rngs(0) }), ctx);
 * ```
 */
export const lstmCell = defineMapping({
  meta: {
    framework: 'nnx',
    layer: 'LSTMCell',
    ir: 'lstm-cell',
    status: 'stable',
    description: 'flax.nnx.LSTMCell ↔ lstm-cell (ii..io, hi..ho)',
  },
  layerType: LSTMCell,
  toIR: (layer: LSTMCell) => layer.toIR(),
  fromIR: (ir: LSTMCellIR) => {
    const dt = floatDtype(ir.tensors.inputKernel);
    const m = new LSTMCell(ir.params.inputSize, ir.params.hiddenSize, { dtype: dt, paramDtype: dt, rngs: SHAPE_ONLY });
    const [input, hidden] = [
      [m.ii, m.if_, m.ig, m.io],
      [m.hi, m.hf, m.hg, m.ho],
    ];
    lstmGates(ir).forEach((gate, k) => {
      fill(input[k]!.kernel, gate.input);
      fill(hidden[k]!.kernel, gate.hidden);
      fill(hidden[k]!.bias, gate.bias);
    });
    return m;
  },
});

// NNX's gate Linears, sorted as the state sorts them (`if_`: `if` is a Python keyword).
const GATE_NAMES = LSTM_GATES.flatMap((g) => [`i${g === 'f' ? 'f_' : g}`, `h${g}`]).sort();

/**
 * The spec of `nnx.LSTMCell`; inferred from its eight gate Linears `ii, if_, ig, io, hi, hf, hg, ho`.
 *
 * @example
 * ```ts
 * lstmCellSpec.write(cell); // { type: 'LSTMCell', in_features: 3, hidden_features: 4 }
 * ```
 */
export const lstmCellSpec: NnxLayerSpec<LSTMCell> = {
  layerType: LSTMCell,
  types: { LSTMCell: ['in_features', 'hidden_features', ...DTYPE_ARGS] },
  fields: { in_features: needed('int', 4), hidden_features: needed('int', 8), ...DTYPE_FIELDS },
  read: (spec, { dtypes, rngs }) => new LSTMCell(need(spec, 'in_features'), need(spec, 'hidden_features'), { ...dtypes, rngs }),
  write: (m) => ({ type: 'LSTMCell', in_features: m.inFeatures, hidden_features: m.hiddenFeatures }),
  infer: (tree, _, at) => {
    if (JSON.stringify(Object.keys(tree).sort()) !== JSON.stringify(GATE_NAMES)) return undefined;
    const k = leafOf(subtreeOf(tree, 'ii'), 'kernel') ?? missing(at, tree, "'ii/kernel' is missing");
    return new LSTMCell(k.shape[0]!, k.shape[1]!, { rngs: SHAPE_ONLY, paramDtype: floatDtype(k) });
  },
};
