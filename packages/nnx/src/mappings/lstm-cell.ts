import { defineMapping, split } from '@interop/core';
import type { LSTMCellIR } from '@interop/core';
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
  meta: { framework: 'nnx', layer: 'LSTMCell', ir: 'lstm-cell', status: 'stable', description: 'flax.nnx.LSTMCell ↔ lstm-cell (ii..io, hi..ho)' },
  layerType: LSTMCell,
  toIR: (layer: LSTMCell) => layer.toIR(),
  fromIR: (ir: LSTMCellIR) => {
    const { inputSize, hiddenSize: h } = ir.params;
    const sizes = [h, h, h, h];
    const dt = floatDtype(ir.tensors.inputKernel);
    const m = new LSTMCell(inputSize, h, { dtype: dt, paramDtype: dt, rngs: SHAPE_ONLY });
    const input = split(ir.tensors.inputKernel!, 1, sizes);
    const hidden = split(ir.tensors.hiddenKernel!, 1, sizes);
    const bias = split(ir.tensors.bias!, 0, sizes);
    [m.ii, m.if_, m.ig, m.io].forEach((l, k) => fill(l.kernel, input[k]));
    [m.hi, m.hf, m.hg, m.ho].forEach((l, k) => {
      fill(l.kernel, hidden[k]);
      fill(l.bias, bias[k]);
    });
    return m;
  },
});
