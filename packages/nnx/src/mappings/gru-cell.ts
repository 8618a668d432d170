import { ConversionError, Tensor, defineMapping } from '@interop/core';
import type { GRUCellIR } from '@interop/core';
import { DTYPE_FIELDS, need, needed } from '@interop/flax';
import { DTYPE_ARGS, leafOf, missing, subtreeOf } from '../layer-spec.js';
import type { NnxLayerSpec } from '../layer-spec.js';
import { GRUCell } from '../modules/gru-cell.js';
import { SHAPE_ONLY } from '../rngs.js';
import { fill, floatDtype } from './build.js';

function nonZero(t: Tensor | undefined): boolean {
  if (!t) return false;
  const data = t.dtype === 'float32' ? (t.data as Float32Array) : (t.astype('float32').data as Float32Array);
  return data.some((v) => v !== 0);
}

/**
 * `nnx.GRUCell` ↔ `gru-cell`: `dense_i` is the input kernel and bias (blocks r, z, n),
 * `dense_h` the hidden kernel; NNX has no hidden-side candidate bias, so it reads as exact zeros.
 * Building an NNX GRUCell from a GRU whose `b_hn` (hiddenBiasN) is non-zero is refused: NNX would
 * have to drop it, and the outputs would differ.
 *
 * @throws {ConversionError} E_CONVERSION for a non-zero `hiddenBiasN`.
 * @example
 * ```ts
 * gruCell.toIR(new GRUCell(3, 4, { rngs: new Rngs(0) }), ctx);
 * ```
 */
export const gruCell = defineMapping({
  meta: {
    framework: 'nnx',
    layer: 'GRUCell',
    ir: 'gru-cell',
    status: 'stable',
    description: 'flax.nnx.GRUCell ↔ gru-cell (dense_i, dense_h; no hidden candidate bias)',
  },
  layerType: GRUCell,
  toIR: (layer: GRUCell) => layer.toIR(),
  fromIR: (ir: GRUCellIR) => {
    if (nonZero(ir.tensors.hiddenBiasN)) {
      throw new ConversionError(
        "NNX GRUCell has no hidden-side bias on the candidate gate (b_hn): n = tanh(W_in x + b_in + r * (W_hn h)); this GRU's b_hn is non-zero, so it cannot be converted to NNX exactly",
        { fix: 'Convert this GRU to Flax Linen (nn.GRUCell keeps hn/bias) or Equinox instead, or zero b_hn first if that is acceptable' },
      );
    }
    const { inputSize, hiddenSize: h } = ir.params;
    const dt = floatDtype(ir.tensors.inputKernel);
    const m = new GRUCell(inputSize, h, { dtype: dt, paramDtype: dt, rngs: SHAPE_ONLY });
    fill(m.dense_i.kernel, ir.tensors.inputKernel);
    fill(m.dense_i.bias, ir.tensors.bias ?? Tensor.zeros([3 * h], dt));
    fill(m.dense_h.kernel, ir.tensors.hiddenKernel);
    return m;
  },
});

/**
 * The spec of `nnx.GRUCell`; inferred from exactly `dense_i` and `dense_h` (a bias-free
 * `dense_h` of width `3 * hidden`; anything else there is refused, as OptimizedLSTMCell is not
 * supported).
 *
 * @example
 * ```ts
 * gruCellSpec.write(cell); // { type: 'GRUCell', in_features: 3, hidden_features: 4 }
 * ```
 */
export const gruCellSpec: NnxLayerSpec<GRUCell> = {
  layerType: GRUCell,
  types: { GRUCell: ['in_features', 'hidden_features', ...DTYPE_ARGS] },
  fields: { in_features: needed('int', 4), hidden_features: needed('int', 8), ...DTYPE_FIELDS },
  read: (spec, { dtypes, rngs }) => new GRUCell(need(spec, 'in_features'), need(spec, 'hidden_features'), { ...dtypes, rngs }),
  write: (m) => ({ type: 'GRUCell', in_features: m.inFeatures, hidden_features: m.hiddenFeatures }),
  infer: (tree, _, at) => {
    if (JSON.stringify(Object.keys(tree).sort()) !== '["dense_h","dense_i"]') return undefined;
    const hk = leafOf(subtreeOf(tree, 'dense_h'), 'kernel');
    const ik = leafOf(subtreeOf(tree, 'dense_i'), 'kernel');
    if (!hk || !ik || leafOf(subtreeOf(tree, 'dense_h'), 'bias') || hk.shape[1] !== 3 * hk.shape[0]!)
      missing(at, tree, 'dense_i/dense_h other than a GRUCell (OptimizedLSTMCell is not supported)');
    return new GRUCell(ik.shape[0]!, hk.shape[0]!, { rngs: SHAPE_ONLY, paramDtype: floatDtype(ik) });
  },
};
