import { InteropError, Tensor } from '@interop/core';
import type { ActivationFn } from '@interop/core';
import { runIR } from '@interop/runtime';
import type { FloatDType } from '@interop/runtime';
import { bstArgs, required } from '../args.js';
import { castTo, promote } from '../dtypes.js';
import { Module } from '../module.js';
import type { GraphNode } from '../module.js';
import { initParam } from '../run.js';
import type { InitArg } from '../run.js';
import { HiddenState } from '../state.js';
import { Linear } from './linear.js';

/** Keyword arguments of the recurrent cells. */
export interface CellOptions {
  numIn?: number;
  numOut?: number;
  wInit?: InitArg;
  bInit?: InitArg | null;
  /** @default 'ZeroInit' */
  stateInit?: InitArg;
  /** The cell's nonlinearity by name. */
  activation?: ActivationFn;
  name?: string;
}

/**
 * `brainstate.nn.RNNCell`: a recurrent cell holding hidden states (`HiddenState`s `h`, and `c`
 * for LSTMs) that `initState(batchSize)` creates and each `call(x)` advances.
 *
 * @example
 * ```ts
 * cell.initState(2);
 * const h1 = cell.call(x0);
 * ```
 */
export abstract class RNNCell extends Module {
  readonly numIn: number;
  readonly numOut: number;
  readonly activation: ActivationFn;
  readonly name: string | undefined;
  protected readonly stateInit: InitArg;
  h: HiddenState | undefined = undefined;
  declare inSize: number[];
  declare outSize: number[];

  protected constructor(callee: string, params: string[], defaults: { activation: ActivationFn }, args: unknown[]) {
    super();
    const a = bstArgs<CellOptions>(callee, params, [], args);
    this.numIn = required(callee, 'numIn', a.numIn);
    this.numOut = required(callee, 'numOut', a.numOut);
    this.inSize = [this.numIn];
    this.outSize = [this.numOut];
    this.activation = a.activation ?? defaults.activation;
    this.name = a.name;
    this.stateInit = a.stateInit ?? 'ZeroInit';
    this.options = a;
  }

  /** The constructor's arguments, for the subclass to build its Linears from. */
  protected readonly options: CellOptions;

  /** A hidden state of `[batch, num_out]` (or `[num_out]` without a batch size). */
  protected hiddenState(batchSize?: number): HiddenState {
    const shape = batchSize === undefined ? [this.numOut] : [batchSize, this.numOut];
    return new HiddenState(initParam(this.stateInit, shape, `${this.type} state`));
  }

  override initState(batchSize?: number): void {
    this.h = this.hiddenState(batchSize);
  }

  /** The hidden state `name`, refusing a cell whose `initState` was never called. */
  protected hidden(name: 'h' | 'c'): Tensor {
    const s = (this as unknown as Record<string, HiddenState | undefined>)[name];
    if (!s) {
      throw new InteropError('E_INVALID_ARGUMENT', `${this.type} has no hidden state '${name}' yet`, {
        fix: 'Call cell.initState(batchSize) before calling the cell',
      });
    }
    return s.value;
  }

  /** `x` and the hidden states as `[batch, n]` float tensors, and whether `x` had no batch axis. */
  protected batched(x: Tensor, names: Array<'h' | 'c'>): { x: Tensor; states: Tensor[]; unbatched: boolean } {
    if (!(x instanceof Tensor) || x.shape[x.ndim - 1] !== this.numIn || x.ndim > 2) {
      throw new InteropError('E_SHAPE_MISMATCH', `${this.type} takes x of shape [batch, ${this.numIn}] or [${this.numIn}]`, {
        found: x instanceof Tensor ? `[${x.shape.join(', ')}]` : typeof x,
      });
    }
    const unbatched = x.ndim === 1;
    const states = names.map((n) => {
      const s = this.hidden(n);
      return s.ndim === 1 ? s.reshape([1, s.shape[0]!]) : s;
    });
    const xb = unbatched ? x.reshape([1, this.numIn]) : x;
    if (states.some((s) => s.shape[0] !== xb.shape[0])) {
      throw new InteropError('E_SHAPE_MISMATCH', `${this.type}: the batch of x and of the hidden state differ`, {
        found: `x [${x.shape.join(', ')}], h [${states[0]!.shape.join(', ')}]`,
      });
    }
    return { x: xb, states, unbatched };
  }

  /** Stores a new hidden state (dropping the batch axis when x had none), in `dtype`. */
  protected store(name: 'h' | 'c', value: Tensor, unbatched: boolean, dtype: FloatDType): Tensor {
    const v = castTo(unbatched ? value.reshape([value.shape[1]!]) : value, dtype);
    (this as unknown as Record<string, HiddenState>)[name] = new HiddenState(v);
    return v;
  }

  /** The dtype the step computes in: JAX's promotion of x, the weights and the states. */
  protected stepDtype(x: Tensor, states: Tensor[], linears: Linear[]): FloatDType {
    return promote([x, ...states, ...linears.flatMap((l) => Object.values(l.weight.value))]);
  }

  override graphNodes(): Array<[string, GraphNode]> {
    return [['h', this.h]];
  }
}

/**
 * `[x, h] @ W + b` for a cell Linear on float values (float32 rounding, as XLA), `[batch, out]`.
 *
 * @example
 * ```ts
 * const z = denseStep(cell.W, xh);
 * ```
 */
export function denseStep(linear: Linear, xh: Tensor): Float32Array {
  return runIR(linear.toIR(), xh).data as Float32Array;
}

/**
 * `concatenate([a, b], axis=-1)` of two `[batch, n]` float tensors, as float32.
 *
 * @example
 * ```ts
 * const xh = concatLast(x, h);
 * ```
 */
export function concatLast(a: Tensor, b: Tensor | Float32Array): Tensor {
  const batch = a.shape[0]!;
  const na = a.shape[1]!;
  const bv = b instanceof Tensor ? Float32Array.from(b.toArray()) : b;
  const nb = bv.length / batch;
  const av = Float32Array.from(a.toArray());
  const out = new Float32Array(batch * (na + nb));
  for (let r = 0; r < batch; r++) {
    out.set(av.subarray(r * na, (r + 1) * na), r * (na + nb));
    out.set(bv.subarray(r * nb, (r + 1) * nb), r * (na + nb) + na);
  }
  return new Tensor('float32', [batch, na + nb], out);
}
