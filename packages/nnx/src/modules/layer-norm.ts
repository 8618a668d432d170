import type { LayerNormIR, PythonCall } from '@interop/core';
import { NORM_SHARED_MODELLED, NORM_SHARED_PARAMS, layerNormIR, normModule, setNormFields } from '@interop/flax';
import type { FlaxLayerNormOptions } from '@interop/flax';
import { ones, zeros } from '@interop/runtime';
import type { Rngs } from '../rngs.js';
import { nnxArgs, required } from '../args.js';
import { Module } from '../module.js';
import { initParam, requireRngs } from '../rngs.js';
import type { Param } from '../variables.js';

/** Keyword arguments of {@link LayerNorm}: Flax's (`@interop/flax`) and `rngs`. */
export interface LayerNormOptions extends FlaxLayerNormOptions {
  /** Key streams (required, as in NNX; scale and bias each draw one key). */
  rngs: Rngs;
}

/** NNX's norm constructor parameters after `num_features` (those before `*` come first). */
export const NORM_TAIL = [
  'biasInit',
  'scaleInit',
  'reductionAxes',
  'featureAxes',
  'axisName',
  'axisIndexGroups',
  'useFastVariance',
  'promoteDtype',
  'rngs',
  'biasMetadata',
  'scaleMetadata',
];

/**
 * `flax.nnx.LayerNorm(num_features, *, epsilon=1e-6, use_bias=True, use_scale=True, ...)`:
 * normalises the last axis; `scale` ones and `bias` zeros of `(num_features,)`.
 *
 * @example
 * ```ts
 * const norm = new LayerNorm(6, { rngs: new Rngs(0) });
 * const y = norm.call(x);
 * ```
 */
export class LayerNorm extends normModule(Module) {
  readonly type = 'LayerNorm';
  readonly numFeatures: number;
  scale: Param | null;
  bias: Param | null;

  constructor(...args: PythonCall<[numFeatures: number], [], LayerNormOptions>) {
    super();
    const o = nnxArgs<LayerNormOptions & { numFeatures?: number }>(
      'LayerNorm',
      ['numFeatures', ...NORM_SHARED_PARAMS, ...NORM_TAIL],
      1,
      ['numFeatures', ...NORM_SHARED_MODELLED, 'rngs'],
      args,
    );
    this.numFeatures = required('LayerNorm', 'numFeatures', o.numFeatures);
    this.setDtypes(o);
    setNormFields(this, o, 1e-6);
    const rngs = requireRngs('LayerNorm', o.rngs);
    this.scale = this.useScale ? initParam(rngs, ones, [this.numFeatures], this.paramDtype) : null;
    this.bias = this.useBias ? initParam(rngs, zeros, [this.numFeatures], this.paramDtype) : null;
  }

  toIR(): LayerNormIR {
    return layerNormIR(this.numFeatures, this, this.scale?.value, this.bias?.value);
  }
}
