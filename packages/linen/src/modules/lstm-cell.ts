import { InteropError, Tensor, concat } from '@interop/core';
import type { LSTMCellIR } from '@interop/core';
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
import type { PythonCall } from '@interop/core';

/** Linen's LSTM carry `(c, h)`, each `[batch, features]`. */
export type LSTMCarry = [c: Tensor, h: Tensor];

const GATES = ['i', 'f', 'g', 'o'] as const;

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
    throw new InteropError('E_INVALID_ARGUMENT', `cell params lack '${name}/${withBias && kernel ? 'bias' : 'kernel'}'`, { found: Object.keys(params).join(', ') });
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

  constructor(
    ...args: PythonCall<
      [features: number],
      [gateFn: null, activationFn: null, kernelInit: null, recurrentKernelInit: null, biasInit: null, dtype: FloatDType | null, paramDtype: FloatDType],
      DtypeOptions
    >
  ) {
    super();
    const a = linenArgs<DtypeOptions & { features?: number }>(
      'LSTMCell',
      ['features', 'gateFn', 'activationFn', 'kernelInit', 'recurrentKernelInit', 'biasInit', 'dtype', 'paramDtype', 'carryInit'],
      ['features', 'dtype', 'paramDtype'],
      args,
    );
    this.features = required('LSTMCell', 'features', a.features);
    this.setDtypes(a);
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
    for (const g of GATES) {
      params[`i${g}`] = { kernel: lecunNormal()(scope.child(`i${g}`).makeRng(), [inFeatures, h], this.paramDtype) };
      const hs = scope.child(`h${g}`);
      params[`h${g}`] = { kernel: orthogonal()(hs.makeRng(), [h, h], this.paramDtype), bias: zeros(hs.makeRng(), [h], this.paramDtype) };
    }
    return { params };
  }

  toIR(variables: Variables): LSTMCellIR {
    const params = requireParams(variables, this.type);
    const input = GATES.map((g) => gateParams(params, `i${g}`, false));
    const hidden = GATES.map((g) => gateParams(params, `h${g}`, true));
    return {
      kind: 'lstm-cell',
      params: { inputSize: input[0]!.kernel.shape[0]!, hiddenSize: hidden[0]!.kernel.shape[0]! },
      tensors: {
        inputKernel: concat(input.map((p) => p.kernel), 1),
        hiddenKernel: concat(hidden.map((p) => p.kernel), 1),
        bias: concat(hidden.map((p) => p.bias!), 0),
      },
    };
  }

  override apply(variables: Variables, carry: LSTMCarry, x: Tensor): [LSTMCarry, Tensor] {
    const [c, h] = carry;
    const next = runCell(this.toIR(variables), x, { c, h });
    const dt = resultDtype(this.dtype, [x, c, h], variables.params);
    const h1 = castTo(next.h, dt);
    return [[castTo(next.c!, dt), h1], h1];
  }
}
