import { MissingShapeError } from '@interop/core';
import type { LayerNormIR } from '@interop/core';
import { NORM_SHARED_MODELLED, NORM_SHARED_PARAMS, layerNormIR, normModule, setNormFields } from '@interop/flax';
import type { FlaxLayerNormOptions } from '@interop/flax';
import { ones, zeros } from '@interop/runtime';
import type { LinenRngScope } from '../rng-scope.js';
import { Module } from '../module.js';
import { requireLeaf, requireParams } from '../variables.js';
import type { Variables } from '../variables.js';
import { linenArgs } from '../args.js';
import type { FloatDType } from '@interop/runtime';
import type { PythonCall } from '@interop/core';

/** Keyword arguments of {@link LayerNorm}: Flax's (`@interop/flax`). */
export type LayerNormOptions = FlaxLayerNormOptions;

/**
 * `flax.linen.LayerNorm` over the last axis: params `scale` (ones) then `bias` (zeros).
 *
 * @example
 * ```ts
 * const y = new LayerNorm().apply(variables, x);
 * ```
 */
export class LayerNorm extends normModule(Module) {
  readonly type = 'LayerNorm';

  constructor(
    ...args: PythonCall<
      [],
      [epsilon: number, dtype: FloatDType | null, paramDtype: FloatDType, useBias: boolean, useScale: boolean],
      LayerNormOptions
    >
  ) {
    super();
    const o = linenArgs<LayerNormOptions>(
      'LayerNorm',
      [
        ...NORM_SHARED_PARAMS,
        'biasInit',
        'scaleInit',
        'reductionAxes',
        'featureAxes',
        'axisName',
        'axisIndexGroups',
        'useFastVariance',
        'forceFloat32Reductions',
      ],
      [...NORM_SHARED_MODELLED],
      args,
    );
    this.setDtypes(o);
    setNormFields(this, o, 1e-6);
  }

  initVariables(scope: LinenRngScope, inputShape: readonly number[]): Variables {
    const n = inputShape[inputShape.length - 1]!;
    const params: Variables['params'] = {};
    if (this.useScale) params.scale = ones(scope.makeRng(), [n], this.paramDtype);
    if (this.useBias) params.bias = zeros(scope.makeRng(), [n], this.paramDtype);
    return Object.keys(params).length ? { params } : {};
  }

  toIR(variables: Variables, inputShape?: readonly number[]): LayerNormIR {
    const params = this.useScale || this.useBias ? requireParams(variables, this.type) : variables.params;
    const scale = this.useScale ? requireLeaf(params!, 'scale', this.type) : undefined;
    const bias = this.useBias ? requireLeaf(params!, 'bias', this.type) : undefined;
    const n = (scale ?? bias)?.shape[0] ?? inputShape?.[inputShape.length - 1];
    if (n === undefined) throw new MissingShapeError('LayerNorm without scale and bias needs the input size for its feature count');
    return layerNormIR(n, this, scale, bias);
  }
}
