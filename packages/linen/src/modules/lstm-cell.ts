import { InteropError, Tensor } from '@interop/core';
import type { LSTMCellIR, PythonCall } from '@interop/core';
import { CELL_SHARED_PARAMS, LSTM_GATES, lstmCellIR } from '@interop/flax';
import { lecunNormal, orthogonal, runCell, zeros } from '@interop/runtime';
import type { KeyLike } from '@interop/runtime';
import type { LinenRngScope } from '../rng-scope.js';
import type { DtypeOptions } from '../dtypes.js';
import { castTo, resultDtype } from '../dtypes.js';
import { Module } from '../module.js';
import { leaf, requireParams } from '../variables.js';
import type { VariableTree, Variables } from '../variables.js';
import { linenArgs, required } from '../args.js';
import type { FloatDType } from '@interop/runtime';

/** Linen's LSTM carry `(c, h)`, each `[batch, features]`. */
export type LSTMCarry = [c: Tensor, h: Tensor];

/** A Linen cell's call: `features`, then the fields we take at their defaults only, then dtypes. */
export type CellCall = PythonCall<
  [features: number],
  [
    gateFn: null,
    activationFn: null,
    kernelInit: null,
    recurrentKernelInit: null,
    biasInit: null,
    dtype: FloatDType | null,
    paramDtype: FloatDType,
  ],
  DtypeOptions
>;

/**
 * Reads a Linen cell's call (`LSTMCell`, `GRUCell`: the same dataclass fields) and returns its `features`.
 *
 * @example
 * ```ts
 * this.features = cellFeatures('GRUCell', args, (o) => this.setDtypes(o));
 * ```
 */
export function cellFeatures(callee: string, args: CellCall, setDtypes: (options: DtypeOptions) => void): number {
  const fields = ['features', ...CELL_SHARED_PARAMS];
  const a = linenArgs<DtypeOptions & { features?: number }>(callee, fields, ['features', 'dtype', 'paramDtype'], args);
  setDtypes(a);
  return required(callee, 'features', a.features);
}

/**
 * The `{ kernel, bias? }` of a gate Dense (`ii`, `hf`, ...), refusing a missing one by name.
 *
 * @throws {InteropError} E_INVALID_ARGUMENT naming the missing `gate/kernel` or `gate/bias`.
 * @example
 * ```ts
 * const { kernel, bias } = gateParams(variables.params, 'hf', true);
 * ```
 */
export function gateParams(params: VariableTree, name: string, withBias: boolean): { kernel: Tensor; bias?: Tensor } {
  const sub = params[name];
  const kernel = sub instanceof Tensor ? undefined : leaf(sub, 'kernel');
  const bias = sub instanceof Tensor ? undefined : leaf(sub, 'bias');
  if (!kernel || (withBias && !bias)) {
    throw new InteropError('E_INVALID_ARGUMENT', `cell params lack '${name}/${withBias && kernel ? 'bias' : 'kernel'}'`, {
      found: Object.keys(params).join(', '),
    });
  }
  return bias ? { kernel, bias } : { kernel };
}

/**
 * `flax.linen.LSTMCell(features)`: gate Denses `ii, if, ig, io` (no bias) and `hi, hf, hg, ho`
 * (bias); carry `(c, h)`. `apply(variables, carry, x)` returns `[newCarry, h]`.
 *
 * @example
 * ```ts
 * const cell = new LSTMCell(4);
 * const carry = cell.initializeCarry(key(1), [2, 3]);
 * const [next, h] = cell.apply(cell.init(key(0), carry, x), carry, x);
 * ```
 */
export class LSTMCell extends Module<[carry: LSTMCarry, x: Tensor], [LSTMCarry, Tensor]> {
  readonly type = 'LSTMCell';

  readonly features: number;

  constructor(...args: CellCall) {
    super();
    this.features = cellFeatures('LSTMCell', args, (o) => this.setDtypes(o));
  }

  /** `initialize_carry(rng, input_shape)`: zeros `(c, h)` of shape `batch dims + (features,)`. */
  initializeCarry(_rng: KeyLike, inputShape: readonly number[]): LSTMCarry {
    const shape = [...inputShape.slice(0, -1), this.features];
    return [Tensor.zeros(shape, 'float32'), Tensor.zeros(shape, 'float32')];
  }

  initVariables(scope: LinenRngScope, inputShape: readonly number[]): Variables {
    const inFeatures = inputShape[inputShape.length - 1]!;
    const h = this.features;
    const params: VariableTree = {};
    for (const g of LSTM_GATES) {
      params[`i${g}`] = { kernel: lecunNormal()(scope.child(`i${g}`).makeRng(), [inFeatures, h], this.paramDtype) };
      const hs = scope.child(`h${g}`);
      params[`h${g}`] = { kernel: orthogonal()(hs.makeRng(), [h, h], this.paramDtype), bias: zeros(hs.makeRng(), [h], this.paramDtype) };
    }
    return { params };
  }

  toIR(variables: Variables): LSTMCellIR {
    const params = requireParams(variables, this.type);
    return lstmCellIR(
      LSTM_GATES.map((g) => {
        const hidden = gateParams(params, `h${g}`, true);
        return { input: gateParams(params, `i${g}`, false).kernel, hidden: hidden.kernel, bias: hidden.bias! };
      }),
    );
  }

  override apply(variables: Variables, carry: LSTMCarry, x: Tensor): [LSTMCarry, Tensor] {
    const [c, h] = carry;
    const next = runCell(this.toIR(variables), x, { c, h });
    const dt = resultDtype(this.dtype, [x, c, h], variables.params);
    const h1 = castTo(next.h, dt);
    return [[castTo(next.c!, dt), h1], h1];
  }
}
