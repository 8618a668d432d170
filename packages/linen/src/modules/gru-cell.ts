import { Tensor, concat } from '@interop/core';
import type { GRUCellIR } from '@interop/core';
import { GRU_GATES } from '@interop/flax';
import { lecunNormal, orthogonal, runCell, zeros } from '@interop/runtime';
import type { KeyLike } from '@interop/runtime';
import type { LinenRngScope } from '../rng-scope.js';
import { castTo, resultDtype } from '../dtypes.js';
import { Module } from '../module.js';
import { requireParams } from '../variables.js';
import type { VariableTree, Variables } from '../variables.js';
import { cellFeatures, gateParams } from './lstm-cell.js';
import type { CellCall } from './lstm-cell.js';

/**
 * `flax.linen.GRUCell(features)`: `ir, iz, in` (Dense with bias), `hr, hz` (no bias), `hn`
 * (bias); `n = tanh(in(x) + r * hn(h))`. Carry `h`; `apply(variables, h, x)` returns `[h', h']`.
 *
 * @example
 * ```ts
 * const cell = new GRUCell(4);
 * const h0 = cell.initializeCarry(key(1), [2, 3]);
 * const [h1] = cell.apply(cell.init(key(0), h0, x), h0, x);
 * ```
 */
export class GRUCell extends Module<[carry: Tensor, x: Tensor], [Tensor, Tensor]> {
  readonly type = 'GRUCell';

  readonly features: number;

  constructor(...args: CellCall) {
    super();
    this.features = cellFeatures('GRUCell', args, (o) => this.setDtypes(o));
  }

  /** `initialize_carry(rng, input_shape)`: zeros of shape `batch dims + (features,)`. */
  initializeCarry(_rng: KeyLike, inputShape: readonly number[]): Tensor {
    return Tensor.zeros([...inputShape.slice(0, -1), this.features], 'float32');
  }

  initVariables(scope: LinenRngScope, inputShape: readonly number[]): Variables {
    const inFeatures = inputShape[inputShape.length - 1]!;
    const h = this.features;
    const params: VariableTree = {};
    for (const g of GRU_GATES) {
      const is = scope.child(`i${g}`);
      params[`i${g}`] = {
        kernel: lecunNormal()(is.makeRng(), [inFeatures, h], this.paramDtype),
        bias: zeros(is.makeRng(), [h], this.paramDtype),
      };
      const hs = scope.child(`h${g}`);
      const kernel = orthogonal()(hs.makeRng(), [h, h], this.paramDtype);
      params[`h${g}`] = g === 'n' ? { kernel, bias: zeros(hs.makeRng(), [h], this.paramDtype) } : { kernel };
    }
    return { params };
  }

  toIR(variables: Variables): GRUCellIR {
    const params = requireParams(variables, this.type);
    const input = GRU_GATES.map((g) => gateParams(params, `i${g}`, true));
    const hidden = ['hr', 'hz'].map((n) => gateParams(params, n, false));
    const hn = gateParams(params, 'hn', true);
    return {
      kind: 'gru-cell',
      params: { inputSize: input[0]!.kernel.shape[0]!, hiddenSize: hn.kernel.shape[0]! },
      tensors: {
        inputKernel: concat(
          input.map((p) => p.kernel),
          1,
        ),
        hiddenKernel: concat([...hidden.map((p) => p.kernel), hn.kernel], 1),
        bias: concat(
          input.map((p) => p.bias!),
          0,
        ),
        hiddenBiasN: hn.bias!,
      },
    };
  }

  override apply(variables: Variables, carry: Tensor, x: Tensor): [Tensor, Tensor] {
    const next = runCell(this.toIR(variables), x, { h: carry });
    const h1 = castTo(next.h, resultDtype(this.dtype, [x, carry], variables.params));
    return [h1, h1];
  }
}
