import { MissingShapeError } from '@interop/core';
import type { RMSNormIR } from '@interop/core';
import { rmsNormIR } from '@interop/flax';
import type { FlaxRMSNormOptions } from '@interop/flax';
import { ones } from '@interop/runtime';
import type { LinenRngScope } from '../rng-scope.js';
import { Module } from '../module.js';
import { requireLeaf, requireParams } from '../variables.js';
import type { Variables } from '../variables.js';
import { linenArgs } from '../args.js';
import type { FloatDType } from '@interop/runtime';
import type { PythonCall } from '@interop/core';

/** Keyword arguments of {@link RMSNorm}: Flax's (`@interop/flax`). */
export type RMSNormOptions = FlaxRMSNormOptions;

/**
 * `flax.linen.RMSNorm` over the last axis: `x / sqrt(mean(x²) + epsilon) * scale`, scale ones.
 *
 * @example
 * ```ts
 * const y = new RMSNorm({ useScale: false }).apply({}, x);
 * ```
 */
export class RMSNorm extends Module {
  readonly type = 'RMSNorm';
  readonly epsilon: number;
  readonly useScale: boolean;

  constructor(
    ...args: PythonCall<[], [epsilon: number, dtype: FloatDType | null, paramDtype: FloatDType, useScale: boolean], RMSNormOptions>
  ) {
    super();
    const o = linenArgs<RMSNormOptions>(
      'RMSNorm',
      [
        'epsilon',
        'dtype',
        'paramDtype',
        'useScale',
        'scaleInit',
        'reductionAxes',
        'featureAxes',
        'axisName',
        'axisIndexGroups',
        'useFastVariance',
        'forceFloat32Reductions',
      ],
      ['epsilon', 'dtype', 'paramDtype', 'useScale'],
      args,
    );
    this.setDtypes(o);
    this.epsilon = o.epsilon ?? 1e-6;
    this.useScale = o.useScale ?? true;
  }

  initVariables(scope: LinenRngScope, inputShape: readonly number[]): Variables {
    if (!this.useScale) return {};
    return { params: { scale: ones(scope.makeRng(), [inputShape[inputShape.length - 1]!], this.paramDtype) } };
  }

  toIR(variables: Variables, inputShape?: readonly number[]): RMSNormIR {
    const scale = this.useScale ? requireLeaf(requireParams(variables, this.type), 'scale', this.type) : undefined;
    const n = scale?.shape[0] ?? inputShape?.[inputShape.length - 1];
    if (n === undefined) throw new MissingShapeError('RMSNorm without scale needs the input size for its feature count');
    return rmsNormIR(n, this.epsilon, scale);
  }
}
