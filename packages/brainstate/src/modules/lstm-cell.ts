import { AddScalar, InteropError, ReorderBlocks, SplitConcat, Tensor, concat, sliceAxis } from '@interop/core';
import type { LSTMCellIR } from '@interop/core';
import { runCell } from '@interop/runtime';
import type { GraphNode } from '../module.js';
import { entry } from '../state.js';
import type { HiddenState } from '../state.js';
import { requireEntry } from './require.js';
import { RNNCell } from './cell.js';
import type { CellOptions } from './cell.js';
import { Linear } from './linear.js';

/** BrainState's gate blocks `[i, g, f, o]` ↔ the IR's `[i, f, g, o]` (its own inverse). */
export const LSTM_GATE_ORDER = new ReorderBlocks(-1, [0, 2, 1, 3]);

/**
 * The forget-gate fold on an IR-ordered bias `[i, f, g, o]`: BrainState adds 1 to `f` at run
 * time, the IR stores the effective bias.
 */
export function forgetFold(h: number): { forward(b: Tensor): Tensor; inverse(b: Tensor): Tensor } {
  const blocks = new SplitConcat(0, [h, h, 2 * h]);
  const plusOne = new AddScalar(1);
  return {
    forward: (b) => {
      const [i, f, rest] = blocks.forward(b) as Tensor[];
      return blocks.inverse([i!, plusOne.forward(f!), rest!]) as Tensor;
    },
    inverse: (b) => {
      const [i, f, rest] = blocks.forward(b) as Tensor[];
      return blocks.inverse([i!, plusOne.inverse(f!), rest!]) as Tensor;
    },
  };
}

/**
 * `brainstate.nn.LSTMCell(num_in, num_out, w_init=XavierNormal(), b_init=ZeroInit(),
 * state_init=ZeroInit(), activation='tanh')`: one fused `W = Linear(in + h, 4h)`, gate columns
 * `[i, g, f, o]`, the forget gate `sigmoid(f + 1)` at run time; hidden states `c`, `h`.
 *
 * @example
 * ```ts
 * const cell = new LSTMCell(3, 4);
 * cell.initState(2);
 * const h = cell.call(x); // [2, 4]
 * ```
 */
export class LSTMCell extends RNNCell {
  readonly type = 'LSTMCell';
  readonly W: Linear;
  c: HiddenState | undefined = undefined;

  constructor(numIn: number, numOut: number, options?: CellOptions);
  constructor(...args: unknown[]);
  constructor(...args: unknown[]) {
    super('LSTMCell', ['numIn', 'numOut', 'wInit', 'bInit', 'stateInit', 'activation', 'name'], { activation: 'tanh' }, args);
    if (this.activation !== 'tanh') {
      throw new InteropError('E_INVALID_ARGUMENT', `LSTMCell activation '${this.activation}' is not modelled here (only 'tanh')`);
    }
    const o = this.options;
    this.W = new Linear(this.numIn + this.numOut, this.numOut * 4, {
      wInit: o.wInit ?? 'XavierNormal',
      bInit: o.bInit === undefined ? 'ZeroInit' : o.bInit,
    });
  }

  override initState(batchSize?: number): void {
    this.c = this.hiddenState(batchSize);
    this.h = this.hiddenState(batchSize);
  }

  override graphNodes(): Array<[string, GraphNode]> {
    return [
      ['W', this.W],
      ['c', this.c],
      ['h', this.h],
    ];
  }

  toIR(): LSTMCellIR {
    const w = requireEntry(this.W.weight, 'weight', 'LSTMCell', 'W.weight');
    const n = this.numIn;
    const h = this.numOut;
    if (w.shape.length !== 2 || w.shape[0] !== n + h || w.shape[1] !== 4 * h) {
      throw new InteropError('E_SHAPE_MISMATCH', 'LSTMCell W.weight must be (num_in + num_out, 4 * num_out)', {
        expected: `[${n + h}, ${4 * h}]`,
        found: `[${w.shape.join(', ')}]`,
      });
    }
    // Without b_init BrainState still adds 1 to the forget gate: the IR bias is that 1.
    const b = entry(this.W.weight, 'bias') ?? Tensor.zeros([4 * h], w.dtype);
    return {
      kind: 'lstm-cell',
      params: { inputSize: n, hiddenSize: h },
      tensors: {
        inputKernel: LSTM_GATE_ORDER.forward(sliceAxis(w, 0, 0, n)),
        hiddenKernel: LSTM_GATE_ORDER.forward(sliceAxis(w, 0, n, n + h)),
        bias: forgetFold(h).forward(LSTM_GATE_ORDER.forward(b)),
      },
    };
  }

  call(x: Tensor): Tensor {
    const {
      x: xb,
      states: [h, c],
      unbatched,
    } = this.batched(x, ['h', 'c']);
    const dtype = this.stepDtype(x, [h!, c!], [this.W]);
    const next = runCell(this.toIR(), xb, { h: h!, c: c! });
    this.store('c', next.c!, unbatched, dtype);
    return this.store('h', next.h, unbatched, dtype);
  }
}

/**
 * The fused `W.weight` dict from IR tensors: the inverse of {@link LSTMCell.toIR}'s layout.
 *
 * @example
 * ```ts
 * const { weight, bias } = fusedLSTMWeights(ir);
 * ```
 */
export function fusedLSTMWeights(ir: LSTMCellIR): { weight: Tensor; bias: Tensor } {
  const h = ir.params.hiddenSize;
  const { inputKernel, hiddenKernel, bias } = ir.tensors;
  if (!inputKernel || !hiddenKernel) throw new InteropError('E_INVALID_IR', 'an lstm-cell IR needs inputKernel and hiddenKernel');
  const weight = concat([LSTM_GATE_ORDER.inverse(inputKernel), LSTM_GATE_ORDER.inverse(hiddenKernel)], 0);
  const effective = bias ?? Tensor.zeros([4 * h], inputKernel.dtype);
  return { weight, bias: LSTM_GATE_ORDER.inverse(forgetFold(h).inverse(effective)) };
}
