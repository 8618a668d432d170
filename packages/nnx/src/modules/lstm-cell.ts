import { InteropError, Tensor } from '@interop/core';
import type { LSTMCellIR, PythonCall } from '@interop/core';
import { CELL_SHARED_PARAMS, lstmCellIR } from '@interop/flax';
import { lecunNormal, orthogonal, runCell, zeros } from '@interop/runtime';
import type { Rngs } from '../rngs.js';
import { nnxArgs, required } from '../args.js';
import { castTo, resultDtype } from '../dtypes.js';
import type { DtypeOptions } from '../dtypes.js';
import { Module, requireTensor } from '../module.js';
import { requireRngs } from '../rngs.js';
import { Linear } from './linear.js';

/** NNX's LSTM carry `(c, h)`, each `[...batch, hidden]`. */
export type LSTMCarry = [c: Tensor, h: Tensor];

/** Keyword arguments of {@link LSTMCell} and {@link GRUCell}. */
export interface CellOptions extends DtypeOptions {
  /** Key streams (required, as in NNX). */
  rngs: Rngs;
}

/** NNX's recurrent-cell constructor parameters after `hidden_features` (all keyword-only). */
export const CELL_TAIL = [...CELL_SHARED_PARAMS, 'keepRngs', 'rngs', 'kernelMetadata', 'recurrentKernelMetadata', 'biasMetadata'];
const MODELLED = ['inFeatures', 'hiddenFeatures', 'dtype', 'paramDtype', 'rngs', 'keepRngs'];

/**
 * `flax.nnx.LSTMCell(in_features, hidden_features, *, rngs, ...)`: input Linears `ii, if_, ig,
 * io` (no bias, lecun-normal) and hidden Linears `hi, hf, hg, ho` (orthogonal, bias zeros).
 * `call([c, h], x)` returns `[[c', h'], h']`.
 *
 * @example
 * ```ts
 * const cell = new LSTMCell(3, 4, { rngs: new Rngs(0) });
 * const carry = cell.initializeCarry([2, 3]);
 * const [next, h] = cell.call(carry, x);
 * ```
 */
export class LSTMCell extends Module<[carry: LSTMCarry, x: Tensor], [LSTMCarry, Tensor]> {
  readonly type = 'LSTMCell';
  readonly inFeatures: number;
  readonly hiddenFeatures: number;
  ii: Linear;
  if_: Linear;
  ig: Linear;
  io: Linear;
  hi: Linear;
  hf: Linear;
  hg: Linear;
  ho: Linear;

  constructor(...args: PythonCall<[inFeatures: number, hiddenFeatures: number], [], CellOptions>) {
    super();
    const a = nnxArgs<CellOptions & { inFeatures?: number; hiddenFeatures?: number }>(
      'LSTMCell',
      ['inFeatures', 'hiddenFeatures', ...CELL_TAIL],
      2,
      MODELLED,
      args,
    );
    const n = (this.inFeatures = required('LSTMCell', 'inFeatures', a.inFeatures));
    const h = (this.hiddenFeatures = required('LSTMCell', 'hiddenFeatures', a.hiddenFeatures));
    this.setDtypes(a);
    const rngs = requireRngs('LSTMCell', a.rngs);
    const d = { dtype: this.dtype, paramDtype: this.paramDtype, rngs };
    const input = () => new Linear(n, h, { ...d, useBias: false, kernelInit: lecunNormal() });
    const hidden = () => new Linear(h, h, { ...d, useBias: true, kernelInit: orthogonal(), biasInit: zeros });
    this.ii = input();
    this.if_ = input();
    this.ig = input();
    this.io = input();
    this.hi = hidden();
    this.hf = hidden();
    this.hg = hidden();
    this.ho = hidden();
  }

  /** `initialize_carry(input_shape)`: zeros `(c, h)` of shape `batch dims + (hidden,)`. */
  initializeCarry(inputShape: readonly number[]): LSTMCarry {
    const shape = [...inputShape.slice(0, -1), this.hiddenFeatures];
    return [Tensor.zeros(shape, this.paramDtype), Tensor.zeros(shape, this.paramDtype)];
  }

  toIR(): LSTMCellIR {
    const input = [this.ii, this.if_, this.ig, this.io];
    return lstmCellIR(
      [this.hi, this.hf, this.hg, this.ho].map((h, k) => ({ input: input[k]!.kernel.value, hidden: h.kernel.value, bias: h.bias!.value })),
    );
  }

  override call(carry: LSTMCarry, x: Tensor): [LSTMCarry, Tensor] {
    if (!Array.isArray(carry) || carry.length !== 2)
      throw new InteropError('E_INVALID_ARGUMENT', 'LSTMCell.call takes the carry [c, h] first, then x', {
        fix: 'cell.call(cell.initializeCarry(x.shape), x)',
      });
    const [c, h] = [requireTensor(carry[0], 'LSTMCell carry c'), requireTensor(carry[1], 'LSTMCell carry h')];
    requireTensor(x, 'LSTMCell.call');
    const next = runCell(this.toIR(), x, { c, h });
    const dt = resultDtype(this.dtype, [x, h, this.ii.kernel.value]);
    const h1 = castTo(next.h, dt);
    return [[castTo(next.c!, dt), h1], h1];
  }
}
