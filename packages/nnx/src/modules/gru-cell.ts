import { Tensor } from '@interop/core';
import type { GRUCellIR, PythonCall } from '@interop/core';
import { lecunNormal, orthogonal, runCell, zeros } from '@interop/runtime';
import { nnxArgs, required } from '../args.js';
import { castTo, resultDtype } from '../dtypes.js';
import { Module, requireTensor } from '../module.js';
import { requireRngs } from '../rngs.js';
import { Linear } from './linear.js';
import { CELL_TAIL } from './lstm-cell.js';
import type { CellOptions } from './lstm-cell.js';

/**
 * `flax.nnx.GRUCell(in_features, hidden_features, *, rngs, ...)`: `dense_i` (`[in, 3h]`, bias)
 * and `dense_h` (`[h, 3h]`, orthogonal, no bias), gate blocks r, z, n;
 * `n = tanh(x_n + r * h_n)` — no hidden-side bias on the candidate. `call(h, x)` returns `[h', h']`.
 *
 * @example
 * ```ts
 * const cell = new GRUCell(3, 4, { rngs: new Rngs(0) });
 * const [h1] = cell.call(cell.initializeCarry([2, 3]), x);
 * ```
 */
export class GRUCell extends Module<[carry: Tensor, x: Tensor], [Tensor, Tensor]> {
  readonly type = 'GRUCell';
  readonly inFeatures: number;
  readonly hiddenFeatures: number;
  dense_i: Linear;
  dense_h: Linear;

  constructor(...args: PythonCall<[inFeatures: number, hiddenFeatures: number], [], CellOptions>) {
    super();
    const a = nnxArgs<CellOptions & { inFeatures?: number; hiddenFeatures?: number }>(
      'GRUCell',
      ['inFeatures', 'hiddenFeatures', ...CELL_TAIL],
      2,
      ['inFeatures', 'hiddenFeatures', 'dtype', 'paramDtype', 'rngs', 'keepRngs'],
      args,
    );
    const n = (this.inFeatures = required('GRUCell', 'inFeatures', a.inFeatures));
    const h = (this.hiddenFeatures = required('GRUCell', 'hiddenFeatures', a.hiddenFeatures));
    this.setDtypes(a);
    const rngs = requireRngs('GRUCell', a.rngs);
    const d = { dtype: this.dtype, paramDtype: this.paramDtype, rngs };
    this.dense_i = new Linear(n, 3 * h, { ...d, useBias: true, kernelInit: lecunNormal(), biasInit: zeros });
    this.dense_h = new Linear(h, 3 * h, { ...d, useBias: false, kernelInit: orthogonal() });
  }

  /** `initialize_carry(input_shape)`: zeros `h` of shape `batch dims + (hidden,)`. */
  initializeCarry(inputShape: readonly number[]): Tensor {
    return Tensor.zeros([...inputShape.slice(0, -1), this.hiddenFeatures], this.paramDtype);
  }

  toIR(): GRUCellIR {
    const inputKernel = this.dense_i.kernel.value;
    const hiddenKernel = this.dense_h.kernel.value;
    const h = hiddenKernel.shape[0]!;
    return {
      kind: 'gru-cell',
      params: { inputSize: inputKernel.shape[0]!, hiddenSize: h },
      tensors: {
        inputKernel,
        hiddenKernel,
        bias: this.dense_i.bias?.value ?? Tensor.zeros([3 * h], inputKernel.dtype as 'float32'),
        // NNX's candidate has no hidden-side bias: exact zeros in the IR.
        hiddenBiasN: Tensor.zeros([h], hiddenKernel.dtype as 'float32'),
      },
    };
  }

  override call(carry: Tensor, x: Tensor): [Tensor, Tensor] {
    requireTensor(carry, 'GRUCell carry h');
    requireTensor(x, 'GRUCell.call');
    const next = runCell(this.toIR(), x, { h: carry });
    const h1 = castTo(next.h, resultDtype(this.dtype, [x, carry, this.dense_i.kernel.value]));
    return [h1, h1];
  }
}
