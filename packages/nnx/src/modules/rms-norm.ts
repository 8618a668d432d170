import type { PythonCall, RMSNormIR } from '@interop/core';
import { rmsNormIR } from '@interop/flax';
import type { FlaxRMSNormOptions } from '@interop/flax';
import { ones } from '@interop/runtime';
import type { Rngs } from '../rngs.js';
import { nnxArgs, required } from '../args.js';
import { Module } from '../module.js';
import { initParam, requireRngs } from '../rngs.js';
import type { Param } from '../variables.js';
import { NORM_TAIL } from './layer-norm.js';

/** Keyword arguments of {@link RMSNorm}: Flax's (`@interop/flax`) and `rngs`. */
export interface RMSNormOptions extends FlaxRMSNormOptions {
  /** Key streams (required, as in NNX). */
  rngs: Rngs;
}

/**
 * `flax.nnx.RMSNorm(num_features, *, epsilon=1e-6, use_scale=True, ...)`:
 * `x / sqrt(mean(x²) + epsilon) * scale` over the last axis.
 *
 * @example
 * ```ts
 * const norm = new RMSNorm(6, { rngs: new Rngs(0) });
 * ```
 */
export class RMSNorm extends Module {
  readonly type = 'RMSNorm';
  readonly numFeatures: number;
  readonly epsilon: number;
  readonly useScale: boolean;
  scale: Param | null;

  constructor(...args: PythonCall<[numFeatures: number], [], RMSNormOptions>) {
    super();
    const o = nnxArgs<RMSNormOptions & { numFeatures?: number }>(
      'RMSNorm',
      ['numFeatures', 'epsilon', 'dtype', 'paramDtype', 'useScale', ...NORM_TAIL.filter((n) => n !== 'biasInit' && n !== 'biasMetadata')],
      1,
      ['numFeatures', 'epsilon', 'dtype', 'paramDtype', 'useScale', 'rngs'],
      args,
    );
    this.numFeatures = required('RMSNorm', 'numFeatures', o.numFeatures);
    this.setDtypes(o);
    this.epsilon = o.epsilon ?? 1e-6;
    this.useScale = o.useScale ?? true;
    this.scale = this.useScale ? initParam(requireRngs('RMSNorm', o.rngs), ones, [this.numFeatures], this.paramDtype) : null;
  }

  toIR(): RMSNormIR {
    return rmsNormIR(this.numFeatures, this.epsilon, this.scale?.value);
  }
}
