import type { LinearIR, PythonCall } from '@interop/core';
import { LINEAR_SHARED_PARAMS, linearIR } from '@interop/flax';
import { lecunNormal, zeros } from '@interop/runtime';
import type { Initializer } from '@interop/runtime';
import type { Rngs } from '../rngs.js';
import { nnxArgs, required } from '../args.js';
import type { DtypeOptions } from '../dtypes.js';
import { Module } from '../module.js';
import { initParam, requireRngs } from '../rngs.js';
import type { Param } from '../variables.js';

/** Keyword arguments of {@link Linear}. */
export interface LinearOptions extends DtypeOptions {
  /** @default true */
  useBias?: boolean;
  /** @default lecunNormal() */
  kernelInit?: Initializer;
  /** @default zeros */
  biasInit?: Initializer;
  /** Key streams for the kernel and bias (required, as in NNX). */
  rngs: Rngs;
}

const PARAMS = [
  'inFeatures',
  'outFeatures',
  ...LINEAR_SHARED_PARAMS,
  'dotGeneral',
  'promoteDtype',
  'preferredElementType',
  'rngs',
  'kernelMetadata',
  'biasMetadata',
];

/**
 * `flax.nnx.Linear(in_features, out_features, *, use_bias=True, ...)`: `y = x @ kernel + bias`,
 * kernel `(in, out)` lecun-normal from `rngs.params()`, then bias zeros from the next key.
 *
 * @example
 * ```ts
 * const linear = new Linear(4, 8, { rngs: new Rngs(0) }); // equal to nnx.Linear(4, 8, rngs=nnx.Rngs(0))
 * const y = linear.call(x);
 * ```
 */
export class Linear extends Module {
  readonly type = 'Linear';
  readonly inFeatures: number;
  readonly outFeatures: number;
  readonly useBias: boolean;
  kernel: Param;
  bias: Param | null;

  constructor(...args: PythonCall<[inFeatures: number, outFeatures: number], [], LinearOptions>) {
    super();
    const a = nnxArgs<LinearOptions & { inFeatures?: number; outFeatures?: number }>(
      'Linear',
      PARAMS,
      2,
      ['inFeatures', 'outFeatures', 'useBias', 'dtype', 'paramDtype', 'kernelInit', 'biasInit', 'rngs'],
      args,
    );
    this.inFeatures = required('Linear', 'inFeatures', a.inFeatures);
    this.outFeatures = required('Linear', 'outFeatures', a.outFeatures);
    this.useBias = a.useBias ?? true;
    this.setDtypes(a);
    const rngs = requireRngs('Linear', a.rngs);
    this.kernel = initParam(rngs, a.kernelInit ?? lecunNormal(), [this.inFeatures, this.outFeatures], this.paramDtype);
    this.bias = this.useBias ? initParam(rngs, a.biasInit ?? zeros, [this.outFeatures], this.paramDtype) : null;
  }

  toIR(): LinearIR {
    return linearIR(this.kernel.value, this.bias?.value);
  }
}
