import { InteropError } from '@interop/core';
import type { ConvIR, PythonCall, Tensor } from '@interop/core';
import { CONV_SHARED_MODELLED, CONV_SHARED_PARAMS, convIR, convModule, setConvFields } from '@interop/flax';
import type { FlaxPadding } from '@interop/flax';
import { lecunNormal, runIR, zeros } from '@interop/runtime';
import type { Rngs } from '../rngs.js';
import { nnxArgs, required } from '../args.js';
import { castTo, resultDtype } from '../dtypes.js';
import type { DtypeOptions } from '../dtypes.js';
import { Module, requireTensor } from '../module.js';
import { initParam, requireRngs } from '../rngs.js';
import type { Param } from '../variables.js';

/** NNX's `padding`: a mode name, one int for every side, or per-axis ints or `[low, high]` pairs. */
export type NnxPadding = FlaxPadding;

/** Keyword arguments of {@link Conv}. */
export interface ConvOptions extends DtypeOptions {
  /** @default 1 */
  strides?: number | number[] | null;
  /** `'SAME'`, `'VALID'`, `'SAME_LOWER'`, `'CAUSAL'` (1-D), `'CIRCULAR'`, `'REFLECT'`, ints or pairs. @default 'SAME' */
  padding?: NnxPadding;
  /** lhs dilation (transposed-style). @default 1 */
  inputDilation?: number | number[] | null;
  /** rhs dilation (atrous). @default 1 */
  kernelDilation?: number | number[] | null;
  /** @default 1 */
  featureGroupCount?: number;
  /** @default true */
  useBias?: boolean;
  /** Key streams for the kernel and bias (required, as in NNX). */
  rngs: Rngs;
}

const PARAMS = [
  'inFeatures',
  'outFeatures',
  ...CONV_SHARED_PARAMS,
  'convGeneralDilated',
  'promoteDtype',
  'preferredElementType',
  'rngs',
  'kernelMetadata',
  'biasMetadata',
];
const MODELLED = ['inFeatures', 'outFeatures', ...CONV_SHARED_MODELLED, 'rngs'];

/**
 * `flax.nnx.Conv(in_features, out_features, kernel_size, strides=1, *, padding='SAME', ...)`:
 * 1-3 spatial axes, channels-last, kernel `kernel_size + (in // groups, out)` lecun-normal,
 * bias zeros. Inputs may have any number of batch axes, or none (NNX adds and removes one).
 *
 * @example
 * ```ts
 * const conv = new Conv(3, 4, [3, 3], { rngs: new Rngs(0), padding: 'SAME' });
 * const y = conv.call(x); // x: [batch, h, w, 3]
 * ```
 */
export class Conv extends convModule(Module) {
  readonly type = 'Conv';
  readonly inFeatures: number;
  readonly outFeatures: number;
  kernel: Param;
  bias: Param | null;

  constructor(
    ...args: PythonCall<
      [inFeatures: number, outFeatures: number, kernelSize: number | number[]],
      [strides: number | number[] | null],
      ConvOptions
    >
  ) {
    super();
    const a = nnxArgs<ConvOptions & { inFeatures?: number; outFeatures?: number; kernelSize?: number | number[] }>(
      'Conv',
      PARAMS,
      4,
      MODELLED,
      args,
    );
    this.inFeatures = required('Conv', 'inFeatures', a.inFeatures);
    this.outFeatures = required('Conv', 'outFeatures', a.outFeatures);
    const k = required('Conv', 'kernelSize', a.kernelSize);
    const kernelSize = typeof k === 'number' ? [k] : k;
    const n = kernelSize.length;
    if (n < 1 || n > 3) throw new InteropError('E_INVALID_ARGUMENT', `Conv has ${n} spatial axes; 1 to 3 are supported`);
    setConvFields(this, kernelSize, a);
    this.setDtypes(a);
    if (this.inFeatures % this.featureGroupCount !== 0) {
      throw new InteropError(
        'E_INVALID_ARGUMENT',
        `Conv: ${this.inFeatures} input features do not split into ${this.featureGroupCount} groups`,
      );
    }
    this.irPadding();
    if (typeof this.padding === 'string' && this.inputDilation.some((d) => d !== 1)) {
      // lax.conv_general_dilated rejects string padding with lhs dilation, so NNX fails at call time.
      throw new InteropError(
        'E_INVALID_ARGUMENT',
        `Conv with inputDilation ${JSON.stringify(this.inputDilation)} needs explicit padding (ints or pairs), not '${this.padding}'`,
        {
          fix: 'Give padding as per-axis [low, high] pairs, as lax requires with input dilation',
        },
      );
    }
    const rngs = requireRngs('Conv', a.rngs);
    this.kernel = initParam(
      rngs,
      lecunNormal(),
      [...this.kernelSize, this.inFeatures / this.featureGroupCount, this.outFeatures],
      this.paramDtype,
    );
    this.bias = this.useBias ? initParam(rngs, zeros, [this.outFeatures], this.paramDtype) : null;
  }

  toIR(): ConvIR {
    return convIR(this, this.kernel.value, this.bias?.value);
  }

  // NNX folds every batch axis into one (adding one for an unbatched input) and restores them.
  override call(input: Tensor): Tensor {
    const x = requireTensor(input, 'Conv.call');
    const unbatched = this.kernelSize.length + 1;
    const batchShape = x.shape.slice(0, x.ndim - unbatched);
    if (x.ndim < unbatched)
      throw new InteropError('E_SHAPE_MISMATCH', `Conv with ${unbatched - 1} spatial axes needs an input of rank ${unbatched} or more`, {
        found: x.shape,
      });
    const flat = x.reshape([batchShape.reduce((a, b) => a * b, 1), ...x.shape.slice(x.ndim - unbatched)]);
    const y = runIR(this.toIR(), flat);
    return castTo(y.reshape([...batchShape, ...y.shape.slice(1)]), resultDtype(this.dtype, [x, ...this.ownArrays()]));
  }
}
