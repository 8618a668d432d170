import type { LinearIR } from '@interop/core';
import { LINEAR_SHARED_PARAMS, linearIR } from '@interop/flax';
import { lecunNormal, zeros } from '@interop/runtime';
import type { LinenRngScope } from '../rng-scope.js';
import type { DtypeOptions } from '../dtypes.js';
import { Module } from '../module.js';
import { leaf, requireLeaf, requireParams } from '../variables.js';
import type { Variables } from '../variables.js';
import { linenArgs, required } from '../args.js';
import type { FloatDType } from '@interop/runtime';
import type { PythonCall } from '@interop/core';

/** Keyword arguments of {@link Dense}. */
export interface DenseOptions extends DtypeOptions {
  /** @default true */
  useBias?: boolean;
}

const DENSE_FIELDS = ['features', ...LINEAR_SHARED_PARAMS, 'promoteDtype', 'dotGeneral', 'dotGeneralCls'];

/**
 * `flax.linen.Dense`: `y = x @ kernel + bias`, kernel `(in, out)` lecun-normal, bias zeros.
 *
 * @example
 * ```ts
 * const dense = new Dense(8);
 * const variables = dense.init(key(0), x); // { params: { kernel, bias } }, equal to Python's
 * ```
 */
export class Dense extends Module {
  readonly type = 'Dense';
  readonly features: number;
  readonly useBias: boolean;

  constructor(...args: PythonCall<[features: number], [useBias: boolean, dtype: FloatDType | null, paramDtype: FloatDType], DenseOptions>) {
    super();
    const a = linenArgs<DenseOptions & { features?: number }>('Dense', DENSE_FIELDS, ['features', 'useBias', 'dtype', 'paramDtype'], args);
    this.features = required('Dense', 'features', a.features);
    this.setDtypes(a);
    this.useBias = a.useBias ?? true;
  }

  initVariables(scope: LinenRngScope, inputShape: readonly number[]): Variables {
    const inFeatures = inputShape[inputShape.length - 1]!;
    const kernel = lecunNormal()(scope.makeRng(), [inFeatures, this.features], this.paramDtype);
    if (!this.useBias) return { params: { kernel } };
    return { params: { kernel, bias: zeros(scope.makeRng(), [this.features], this.paramDtype) } };
  }

  toIR(variables: Variables): LinearIR {
    const params = requireParams(variables, this.type);
    const kernel = requireLeaf(params, 'kernel', this.type);
    return linearIR(kernel, leaf(params, 'bias'));
  }
}
