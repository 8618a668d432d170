import { InteropError, Tensor, isShapeOnly } from '@interop/core';
import type { ActivationFn } from '@interop/core';
import { activate } from '@interop/runtime';
import type { GraphNode } from '../module.js';
import { uniform } from '../random.js';
import { placeholder } from '../run.js';
import { ParamState } from '../state.js';
import type { HiddenState } from '../state.js';
import { RNNCell, concatLast, denseStep } from './cell.js';
import type { CellOptions } from './cell.js';
import { Linear } from './linear.js';
import { requireArray } from './require.js';

const f = Math.fround;
const sigmoid = (v: number) => f(activate('sigmoid', v, 0));
const act = (fn: ActivationFn, v: number) => f(activate(fn, v, 1));

/** URLSTMCell's forget-gate bias: `-log(1/u - 1)` of `u ~ uniform(1/h, 1 - 1/h)` from the global state. */
function forgetBias(h: number): Tensor {
  const u = uniform(1 / h, 1 - 1 / h, [h]).toArray();
  return Tensor.fromArray(
    u.map((v) => -f(Math.log(f(f(1 / v) - 1)))),
    [h],
    'float32',
  );
}

/**
 * `brainstate.nn.ValinaRNNCell(num_in, num_out, state_init, w_init=XavierNormal(),
 * b_init=ZeroInit(), activation='relu')`: `h' = activation(W([x, h]))`. It runs here; no other
 * framework has it, so conversion refuses it.
 *
 * @example
 * ```ts
 * const cell = new ValinaRNNCell(3, 4);
 * cell.initState(2);
 * cell.call(x);
 * ```
 */
export class ValinaRNNCell extends RNNCell {
  readonly type = 'ValinaRNNCell';
  readonly W: Linear;

  constructor(numIn: number, numOut: number, options?: CellOptions);
  constructor(...args: unknown[]);
  constructor(...args: unknown[]) {
    super('ValinaRNNCell', ['numIn', 'numOut', 'stateInit', 'wInit', 'bInit', 'activation', 'name'], { activation: 'relu' }, args);
    const o = this.options;
    this.W = new Linear(this.numIn + this.numOut, this.numOut, {
      wInit: o.wInit ?? 'XavierNormal',
      bInit: o.bInit === undefined ? 'ZeroInit' : o.bInit,
    });
  }

  override graphNodes(): Array<[string, GraphNode]> {
    return [
      ['W', this.W],
      ['h', this.h],
    ];
  }

  toIR(): never {
    throw new InteropError('E_UNSUPPORTED_LAYER', 'ValinaRNNCell has no IR kind: no other framework has this cell');
  }

  call(x: Tensor): Tensor {
    const {
      x: xb,
      states: [h],
      unbatched,
    } = this.batched(x, ['h']);
    const z = denseStep(this.W, concatLast(xb, h!));
    const out = Float32Array.from(z, (v) => act(this.activation, v));
    return this.store('h', new Tensor('float32', [xb.shape[0]!, this.numOut], out), unbatched, this.stepDtype(x, [h!], [this.W]));
  }
}

/**
 * `brainstate.nn.MGUCell(num_in, num_out, w_init=Orthogonal(), ...)`, the minimal gated unit:
 * `f = sigmoid(Wf([x, h]))`, `h~ = tanh(Wh([x, f * h]))`, `h' = (1 - f) * h + f * h~`.
 *
 * @example
 * ```ts
 * const cell = new MGUCell(3, 4);
 * cell.initState(2);
 * cell.call(x);
 * ```
 */
export class MGUCell extends RNNCell {
  readonly type = 'MGUCell';
  readonly Wf: Linear;
  readonly Wh: Linear;

  constructor(numIn: number, numOut: number, options?: CellOptions);
  constructor(...args: unknown[]);
  constructor(...args: unknown[]) {
    super('MGUCell', ['numIn', 'numOut', 'wInit', 'bInit', 'stateInit', 'activation', 'name'], { activation: 'tanh' }, args);
    const o = this.options;
    const bInit = o.bInit === undefined ? 'ZeroInit' : o.bInit;
    this.Wf = new Linear(this.numIn + this.numOut, this.numOut, { wInit: o.wInit ?? 'Orthogonal', bInit });
    this.Wh = new Linear(this.numIn + this.numOut, this.numOut, { wInit: o.wInit ?? 'Orthogonal', bInit });
  }

  override graphNodes(): Array<[string, GraphNode]> {
    return [
      ['Wf', this.Wf],
      ['Wh', this.Wh],
      ['h', this.h],
    ];
  }

  toIR(): never {
    throw new InteropError('E_UNSUPPORTED_LAYER', 'MGUCell has no IR kind: no other framework has this cell');
  }

  call(x: Tensor): Tensor {
    const {
      x: xb,
      states: [h],
      unbatched,
    } = this.batched(x, ['h']);
    const hv = Float32Array.from(h!.toArray());
    const gate = Float32Array.from(denseStep(this.Wf, concatLast(xb, h!)), sigmoid);
    const fh = hv.map((v, i) => f(gate[i]! * v));
    const cand = Float32Array.from(denseStep(this.Wh, concatLast(xb, fh)), (v) => act(this.activation, v));
    const out = hv.map((v, i) => f(f(f(1 - gate[i]!) * v) + f(gate[i]! * cand[i]!)));
    return this.store('h', new Tensor('float32', [xb.shape[0]!, this.numOut], out), unbatched, this.stepDtype(x, [h!], [this.Wf, this.Wh]));
  }
}

/**
 * `brainstate.nn.URLSTMCell(num_in, num_out, w_init=XavierNormal(), state_init, activation='tanh')`:
 * `W = Linear(in + h, 4h)` without bias plus `bias: ParamState((h,))` untying the forget and
 * retention gates (gates `f, r, u, o`).
 *
 * @example
 * ```ts
 * const cell = new URLSTMCell(3, 4);
 * cell.initState(2);
 * cell.call(x);
 * ```
 */
export class URLSTMCell extends RNNCell {
  readonly type = 'URLSTMCell';
  readonly W: Linear;
  readonly bias: ParamState<Tensor>;
  c: HiddenState | undefined = undefined;

  constructor(numIn: number, numOut: number, options?: CellOptions);
  constructor(...args: unknown[]);
  constructor(...args: unknown[]) {
    super('URLSTMCell', ['numIn', 'numOut', 'wInit', 'stateInit', 'activation', 'name'], { activation: 'tanh' }, args);
    this.W = new Linear(this.numIn + this.numOut, this.numOut * 4, { wInit: this.options.wInit ?? 'XavierNormal', bInit: null });
    const h = this.numOut;
    this.bias = new ParamState(isShapeOnly() ? placeholder([h], 'uniform') : forgetBias(h));
  }

  override initState(batchSize?: number): void {
    this.c = this.hiddenState(batchSize);
    this.h = this.hiddenState(batchSize);
  }

  override graphNodes(): Array<[string, GraphNode]> {
    return [
      ['W', this.W],
      ['bias', this.bias],
      ['c', this.c],
      ['h', this.h],
    ];
  }

  toIR(): never {
    throw new InteropError('E_UNSUPPORTED_LAYER', 'URLSTMCell has no IR kind: no other framework has this cell');
  }

  call(x: Tensor): Tensor {
    const {
      x: xb,
      states: [h, c],
      unbatched,
    } = this.batched(x, ['h', 'c']);
    const H = this.numOut;
    const batch = xb.shape[0]!;
    const bias = requireArray(this.bias, 'URLSTMCell', 'bias').toArray();
    const gates = denseStep(this.W, concatLast(xb, h!));
    const cv = c!.toArray();
    const nextC = new Float32Array(batch * H);
    const nextH = new Float32Array(batch * H);
    for (let b = 0; b < batch; b++) {
      for (let j = 0; j < H; j++) {
        const at = (k: number) => gates[b * 4 * H + k * H + j]!;
        const fg = sigmoid(f(at(0) + bias[j]!));
        const rg = sigmoid(f(at(1) - bias[j]!));
        const g = f(f(f(2 * rg) * fg) + f(f(1 - f(2 * rg)) * f(fg * fg)));
        const cell = f(f(g * cv[b * H + j]!) + f(f(1 - g) * act(this.activation, at(2))));
        nextC[b * H + j] = cell;
        nextH[b * H + j] = f(sigmoid(at(3)) * act(this.activation, cell));
      }
    }
    const dtype = this.stepDtype(x, [h!, c!], [this.W]);
    this.store('c', new Tensor('float32', [batch, H], nextC), unbatched, dtype);
    return this.store('h', new Tensor('float32', [batch, H], nextH), unbatched, dtype);
  }
}
