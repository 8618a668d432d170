import { InteropError, transpose } from '@interop/core';
import type { DType, GRUCellIR, LSTMCellIR, Tensor } from '@interop/core';
import { runCell } from '@interop/runtime';
import { parseArgs } from '../args.js';
import type { Args } from '../args.js';
import { castTo, promote } from '../dtypes.js';
import { Module } from '../module.js';
import type { TreeField } from '../module.js';
import { requireKey } from './common.js';
import type { CallOptions, DtypeOption, KeyOption } from './common.js';
import { gruCellInit, lstmCellInit } from './default-init.js';

/** Keyword arguments of {@link LSTMCell} and {@link GRUCell}. */
export interface CellOptions extends KeyOption, DtypeOption {
  /** @default true */
  useBias?: boolean;
}

type CellRest = Args<[useBias: boolean, dtype: DType | null], CellOptions>;

function checkStep(layer: string, x: Tensor, h: Tensor, inputSize: number, hiddenSize: number, lead: number): void {
  const ok =
    x.ndim === 1 + lead &&
    x.shape[lead] === inputSize &&
    h.ndim === 1 + lead &&
    h.shape[lead] === hiddenSize &&
    (lead === 0 || x.shape[0] === h.shape[0]);
  if (!ok) {
    throw new InteropError(
      'E_SHAPE_MISMATCH',
      `${layer} takes an input (${inputSize},) and hidden (${hiddenSize},)${lead ? ' under one batch axis' : ''}`,
      {
        found: `input [${x.shape.join(', ')}], hidden [${h.shape.join(', ')}]`,
      },
    );
  }
}

const one = (t: Tensor) => t.reshape([1, ...t.shape]);
const unone = (t: Tensor) => t.reshape(t.shape.slice(1));

/**
 * `eqx.nn.LSTMCell(input_size, hidden_size, use_bias=True, key=...)`: `weight_ih (4H, in)`,
 * `weight_hh (4H, H)`, `bias (4H,)`, gates i, f, g, o; `call(input, [h, c])` returns `[h, c]`.
 *
 * @example
 * ```ts
 * const cell = new LSTMCell(3, 4, { key: key(0) });
 * const [h, c] = cell.call(x, [h0, c0]);
 * ```
 */
export class LSTMCell extends Module {
  declare readonly weightIh: Tensor;
  declare readonly weightHh: Tensor;
  declare readonly bias: Tensor | null;
  declare readonly inputSize: number;
  declare readonly hiddenSize: number;
  declare readonly useBias: boolean;

  constructor(inputSize: number, hiddenSize: number, ...rest: CellRest) {
    super();
    const o = parseArgs<CellOptions>('LSTMCell', ['useBias', 'dtype'], rest, ['key']);
    const useBias = o.useBias ?? true;
    const w = lstmCellInit(requireKey('LSTMCell', o), inputSize, hiddenSize, { useBias, dtype: o.dtype ?? 'float32' });
    Object.assign(this, { weightIh: w.weight_ih, weightHh: w.weight_hh, bias: w.bias, inputSize, hiddenSize, useBias });
    Object.freeze(this);
  }

  get type(): string {
    return 'LSTMCell';
  }

  treeFields(): readonly TreeField[] {
    return [
      ['weight_ih', 'weightIh'],
      ['weight_hh', 'weightHh'],
      ['bias', 'bias'],
    ];
  }

  toIR(): LSTMCellIR {
    return {
      kind: 'lstm-cell',
      params: { inputSize: this.inputSize, hiddenSize: this.hiddenSize },
      tensors: {
        inputKernel: transpose(this.weightIh, [1, 0]),
        hiddenKernel: transpose(this.weightHh, [1, 0]),
        ...(this.bias ? { bias: this.bias } : {}),
      },
    };
  }

  /** One step for one example: `[h, c]` from `input (in,)` and `hidden = [h, c]`. */
  call(input: Tensor, hidden: readonly [Tensor, Tensor], _options: CallOptions = {}): [Tensor, Tensor] {
    checkStep(this.type, input, hidden[0], this.inputSize, this.hiddenSize, 0);
    const [h, c] = this.callBatch(one(input), [one(hidden[0]), one(hidden[1])]);
    return [unone(h), unone(c)];
  }

  /** `jax.vmap(cell)(inputs, (hs, cs))`. */
  callBatch(input: Tensor, hidden: readonly [Tensor, Tensor], _options: CallOptions = {}): [Tensor, Tensor] {
    checkStep(this.type, input, hidden[0], this.inputSize, this.hiddenSize, 1);
    const next = runCell(this.toIR(), input, { h: hidden[0], c: hidden[1] });
    const dt = promote([input, hidden[0], hidden[1], this.weightIh, this.weightHh, this.bias]);
    return [castTo(next.h, dt), castTo(next.c!, dt)];
  }
}

/**
 * `eqx.nn.GRUCell(input_size, hidden_size, use_bias=True, key=...)`: `weight_ih (3H, in)`,
 * `weight_hh (3H, H)`, `bias (3H,)`, `bias_n (H,)`, gates r, z, n (reset after the hidden
 * matmul); `call(input, hidden)` returns the new hidden.
 *
 * @example
 * ```ts
 * const cell = new GRUCell(3, 4, { key: key(0) });
 * const h1 = cell.call(x, h0);
 * ```
 */
export class GRUCell extends Module {
  declare readonly weightIh: Tensor;
  declare readonly weightHh: Tensor;
  declare readonly bias: Tensor | null;
  declare readonly biasN: Tensor | null;
  declare readonly inputSize: number;
  declare readonly hiddenSize: number;
  declare readonly useBias: boolean;

  constructor(inputSize: number, hiddenSize: number, ...rest: CellRest) {
    super();
    const o = parseArgs<CellOptions>('GRUCell', ['useBias', 'dtype'], rest, ['key']);
    const useBias = o.useBias ?? true;
    const w = gruCellInit(requireKey('GRUCell', o), inputSize, hiddenSize, { useBias, dtype: o.dtype ?? 'float32' });
    Object.assign(this, { weightIh: w.weight_ih, weightHh: w.weight_hh, bias: w.bias, biasN: w.bias_n, inputSize, hiddenSize, useBias });
    Object.freeze(this);
  }

  get type(): string {
    return 'GRUCell';
  }

  treeFields(): readonly TreeField[] {
    return [
      ['weight_ih', 'weightIh'],
      ['weight_hh', 'weightHh'],
      ['bias', 'bias'],
      ['bias_n', 'biasN'],
    ];
  }

  toIR(): GRUCellIR {
    return {
      kind: 'gru-cell',
      params: { inputSize: this.inputSize, hiddenSize: this.hiddenSize },
      tensors: {
        inputKernel: transpose(this.weightIh, [1, 0]),
        hiddenKernel: transpose(this.weightHh, [1, 0]),
        ...(this.bias ? { bias: this.bias } : {}),
        ...(this.biasN ? { hiddenBiasN: this.biasN } : {}),
      },
    };
  }

  /** One step for one example: the new hidden `(H,)`. */
  call(input: Tensor, hidden: Tensor, _options: CallOptions = {}): Tensor {
    checkStep(this.type, input, hidden, this.inputSize, this.hiddenSize, 0);
    return unone(this.callBatch(one(input), one(hidden)));
  }

  /** `jax.vmap(cell)(inputs, hs)`. */
  callBatch(input: Tensor, hidden: Tensor, _options: CallOptions = {}): Tensor {
    checkStep(this.type, input, hidden, this.inputSize, this.hiddenSize, 1);
    const next = runCell(this.toIR(), input, { h: hidden });
    return castTo(next.h, promote([input, hidden, this.weightIh, this.weightHh, this.bias, this.biasN]));
  }
}
