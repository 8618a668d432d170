import { InteropError } from '@interop/core';
import type { ConvIR, ConvPadding, PaddingMode, Tensor } from '@interop/core';
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
export type LinenPadding = string | number | Array<number | [number, number]>;

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

const CONV_FIELDS = [
  'features', 'kernelSize', 'strides', 'padding', 'inputDilation', 'kernelDilation', 'featureGroupCount', 'useBias', 'mask',
  'dtype', 'paramDtype', 'precision', 'kernelInit', 'biasInit', 'promoteDtype', 'convGeneralDilated', 'convGeneralDilatedCls',
];
const CONV_MODELLED = ['features', 'kernelSize', 'strides', 'padding', 'inputDilation', 'kernelDilation', 'featureGroupCount', 'useBias', 'dtype', 'paramDtype'];

function perAxis(v: number | number[], n: number, name: string): number[] {
  const out = typeof v === 'number' ? Array<number>(n).fill(v) : [...v];
  if (out.length !== n) throw new InteropError('E_INVALID_ARGUMENT', `Conv ${name} has ${out.length} entries for ${n} spatial axes`);
  return out;
}

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
export class Conv extends Module {
  readonly type = 'Conv';
  readonly kernelSize: number[];
  readonly strides: number[];
  readonly padding: LinenPadding;
  readonly inputDilation: number[];
  readonly kernelDilation: number[];
  readonly featureGroupCount: number;
  readonly useBias: boolean;

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
    if (!Array.isArray(kernelSize)) throw new InteropError('E_INVALID_ARGUMENT', 'Conv kernelSize must be a list, as in Linen (e.g. [3, 3])');
    const n = kernelSize.length;
    this.kernelSize = [...kernelSize];
    this.strides = perAxis(options.strides ?? 1, n, 'strides');
    this.padding = options.padding ?? 'SAME';
    this.inputDilation = perAxis(options.inputDilation ?? 1, n, 'inputDilation');
    this.kernelDilation = perAxis(options.kernelDilation ?? 1, n, 'kernelDilation');
    this.featureGroupCount = options.featureGroupCount ?? 1;
    this.useBias = options.useBias ?? true;
  }

  /** The IR's padding and padding mode for Linen's `padding` (CIRCULAR/REFLECT pad `((k-1)//2, k//2)`, then VALID). */
  irPadding(): { padding: ConvPadding; paddingMode: PaddingMode } {
    const p = this.padding;
    const n = this.kernelSize.length;
    if (typeof p === 'number') return { padding: Array.from({ length: n }, () => [p, p] as [number, number]), paddingMode: 'zeros' };
    if (Array.isArray(p)) {
      if (p.length !== n) throw new InteropError('E_INVALID_ARGUMENT', `Conv padding has ${p.length} entries for ${n} spatial axes`);
      return { padding: p.map((q) => (typeof q === 'number' ? [q, q] : [q[0], q[1]])), paddingMode: 'zeros' };
    }
    const mode = p.toUpperCase();
    if (mode === 'CIRCULAR' || mode === 'REFLECT') {
      const pads = this.kernelSize.map((k, i) => {
        const eff = (k - 1) * this.kernelDilation[i]! + 1;
        return [Math.floor((eff - 1) / 2), Math.floor(eff / 2)] as [number, number];
      });
      return { padding: pads, paddingMode: mode === 'CIRCULAR' ? 'circular' : 'reflect' };
    }
    if (mode === 'SAME' || mode === 'VALID' || mode === 'SAME_LOWER' || mode === 'CAUSAL') return { padding: mode, paddingMode: 'zeros' };
    throw new InteropError('E_INVALID_ARGUMENT', `Conv padding '${p}' is not a Linen padding mode`);
  }

  initVariables(scope: LinenRngScope, inputShape: readonly number[]): Variables {
    const inFeatures = inputShape[inputShape.length - 1]!;
    if (inFeatures % this.featureGroupCount !== 0) {
      throw new InteropError('E_SHAPE_MISMATCH', `Conv: ${inFeatures} input channels do not split into ${this.featureGroupCount} groups`);
    }
    const kernel = lecunNormal()(scope.makeRng(), [...this.kernelSize, inFeatures / this.featureGroupCount, this.features], this.paramDtype);
    if (!this.useBias) return { params: { kernel } };
    return { params: { kernel, bias: zeros(scope.makeRng(), [this.features], this.paramDtype) } };
  }

  toIR(variables: Variables): ConvIR {
    const params = requireParams(variables, this.type);
    const kernel = requireLeaf(params, 'kernel', this.type);
    const bias: Tensor | undefined = leaf(params, 'bias');
    const r = kernel.shape.length;
    return {
      kind: 'conv',
      params: {
        inFeatures: kernel.shape[r - 2]! * this.featureGroupCount,
        outFeatures: kernel.shape[r - 1]!,
        kernelSize: kernel.shape.slice(0, r - 2),
        strides: this.strides,
        ...this.irPadding(),
        inputDilation: this.inputDilation,
        kernelDilation: this.kernelDilation,
        featureGroups: this.featureGroupCount,
      },
      tensors: bias ? { kernel, bias } : { kernel },
    };
  }
}
