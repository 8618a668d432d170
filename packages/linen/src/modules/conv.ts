import { InteropError } from '@interop/core';
import type { ConvIR, Tensor } from '@interop/core';
import { CONV_SHARED_MODELLED, CONV_SHARED_PARAMS, convIR, convModule, setConvFields } from '@interop/flax';
import type { FlaxPadding } from '@interop/flax';
import { lecunNormal, zeros } from '@interop/runtime';
import type { LinenRngScope } from '../rng-scope.js';
import type { DtypeOptions } from '../dtypes.js';
import { Module } from '../module.js';
import { leaf, requireLeaf, requireParams } from '../variables.js';
import type { Variables } from '../variables.js';
import { linenArgs, required } from '../args.js';
import type { FloatDType } from '@interop/runtime';
import type { PythonCall } from '@interop/core';

/** Linen's `padding`: a mode name, one int for every side, or per-axis ints or `[low, high]` pairs. */
export type LinenPadding = FlaxPadding;

/** Keyword arguments of {@link Conv}. */
export interface ConvOptions extends DtypeOptions {
  /** @default 1 */
  strides?: number | number[];
  /** `'SAME'`, `'VALID'`, `'SAME_LOWER'`, `'CAUSAL'` (1-D), `'CIRCULAR'`, `'REFLECT'`, ints or pairs. @default 'SAME' */
  padding?: LinenPadding;
  /** @default 1 */
  inputDilation?: number | number[];
  /** @default 1 */
  kernelDilation?: number | number[];
  /** @default 1 */
  featureGroupCount?: number;
  /** @default true */
  useBias?: boolean;
}

const CONV_FIELDS = ['features', ...CONV_SHARED_PARAMS, 'promoteDtype', 'convGeneralDilated', 'convGeneralDilatedCls'];
const CONV_MODELLED = ['features', ...CONV_SHARED_MODELLED];

/**
 * `flax.linen.Conv`: channels-last, kernel `kernel_size + (in // groups, features)` (HWIO),
 * lecun-normal, bias zeros. Forward equal to `lax.conv_general_dilated` as Linen calls it.
 *
 * @example
 * ```ts
 * const conv = new Conv(4, [3, 3], { padding: 'VALID' });
 * const y = conv.apply(conv.init(key(0), x), x);
 * ```
 */
export class Conv extends convModule(Module) {
  readonly type = 'Conv';
  readonly features: number;

  constructor(
    ...args: PythonCall<
      [features: number, kernelSize: number[]],
      [
        strides: number | number[],
        padding: LinenPadding,
        inputDilation: number | number[],
        kernelDilation: number | number[],
        featureGroupCount: number,
        useBias: boolean,
        mask: null,
        dtype: FloatDType | null,
        paramDtype: FloatDType,
      ],
      ConvOptions
    >
  ) {
    super();
    const options = linenArgs<ConvOptions & { features?: number; kernelSize?: number[] }>('Conv', CONV_FIELDS, CONV_MODELLED, args);
    this.features = required('Conv', 'features', options.features);
    const kernelSize = required('Conv', 'kernelSize', options.kernelSize);
    this.setDtypes(options);
    if (!Array.isArray(kernelSize))
      throw new InteropError('E_INVALID_ARGUMENT', 'Conv kernelSize must be a list, as in Linen (e.g. [3, 3])');
    setConvFields(this, kernelSize, options);
  }

  initVariables(scope: LinenRngScope, inputShape: readonly number[]): Variables {
    const inFeatures = inputShape[inputShape.length - 1]!;
    if (inFeatures % this.featureGroupCount !== 0) {
      throw new InteropError('E_SHAPE_MISMATCH', `Conv: ${inFeatures} input channels do not split into ${this.featureGroupCount} groups`);
    }
    const kernel = lecunNormal()(
      scope.makeRng(),
      [...this.kernelSize, inFeatures / this.featureGroupCount, this.features],
      this.paramDtype,
    );
    if (!this.useBias) return { params: { kernel } };
    return { params: { kernel, bias: zeros(scope.makeRng(), [this.features], this.paramDtype) } };
  }

  toIR(variables: Variables): ConvIR {
    const params = requireParams(variables, this.type);
    const bias: Tensor | undefined = leaf(params, 'bias');
    return convIR(this, requireLeaf(params, 'kernel', this.type), bias);
  }
}
