import { InteropError } from '@interop/core';
import type { GRUCellChoIR, Tensor } from '@interop/core';
import { runCell } from '@interop/runtime';
import type { GraphNode } from '../module.js';
import { entry } from '../state.js';
import { requireEntry } from './require.js';
import { RNNCell } from './cell.js';
import type { CellOptions } from './cell.js';
import { Linear } from './linear.js';

/**
 * `brainstate.nn.GRUCell(num_in, num_out, w_init=Orthogonal(), b_init=ZeroInit(), ...)`, the
 * Cho-2014 GRU: `[r, z] = sigmoid(Wrz([x, h]))`, `h~ = tanh(Wh([x, r * h]))`,
 * `h' = (1 - z) * h + z * h~`. Its IR kind `gru-cell-cho` exists in no other framework.
 *
 * @example
 * ```ts
 * const cell = new GRUCell(3, 4);
 * cell.initState(2);
 * cell.call(x);
 * ```
 */
export class GRUCell extends RNNCell {
  readonly type = 'GRUCell';
  readonly Wrz: Linear;
  readonly Wh: Linear;

  constructor(numIn: number, numOut: number, options?: CellOptions);
  constructor(...args: unknown[]);
  constructor(...args: unknown[]) {
    super('GRUCell', ['numIn', 'numOut', 'wInit', 'bInit', 'stateInit', 'activation', 'name'], { activation: 'tanh' }, args);
    if (this.activation !== 'tanh')
      throw new InteropError('E_INVALID_ARGUMENT', `GRUCell activation '${this.activation}' is not modelled here (only 'tanh')`);
    const o = this.options;
    const bInit = o.bInit === undefined ? 'ZeroInit' : o.bInit;
    this.Wrz = new Linear(this.numIn + this.numOut, this.numOut * 2, { wInit: o.wInit ?? 'Orthogonal', bInit });
    this.Wh = new Linear(this.numIn + this.numOut, this.numOut, { wInit: o.wInit ?? 'Orthogonal', bInit });
  }

  override graphNodes(): Array<[string, GraphNode]> {
    return [
      ['Wrz', this.Wrz],
      ['Wh', this.Wh],
      ['h', this.h],
    ];
  }

  toIR(): GRUCellChoIR {
    const gateBias = entry(this.Wrz.weight, 'bias');
    const candidateBias = entry(this.Wh.weight, 'bias');
    return {
      kind: 'gru-cell-cho',
      params: { inputSize: this.numIn, hiddenSize: this.numOut },
      tensors: {
        gateKernel: requireEntry(this.Wrz.weight, 'weight', 'GRUCell', 'Wrz.weight'),
        candidateKernel: requireEntry(this.Wh.weight, 'weight', 'GRUCell', 'Wh.weight'),
        ...(gateBias ? { gateBias } : {}),
        ...(candidateBias ? { candidateBias } : {}),
      },
    };
  }

  call(x: Tensor): Tensor {
    const {
      x: xb,
      states: [h],
      unbatched,
    } = this.batched(x, ['h']);
    const dtype = this.stepDtype(x, [h!], [this.Wrz, this.Wh]);
    return this.store('h', runCell(this.toIR(), xb, { h: h! }).h, unbatched, dtype);
  }
}
