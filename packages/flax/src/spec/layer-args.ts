import type { ConvFields, FlaxPadding } from '../conv.js';
import type { NormFields } from '../norm.js';
import { bool, num, sizes } from './values.js';
import type { ModuleSpec } from './values.js';

/** The keyword arguments of a Flax norm a spec gives: `epsilon`, `use_bias`, `use_scale`, `use_fast_variance`. */
export interface NormArgs {
  /** `epsilon`. */
  epsilon: number | undefined;
  /** `use_bias`. */
  useBias: boolean | undefined;
  /** `use_scale`. */
  useScale: boolean | undefined;
  /** `use_fast_variance`. */
  useFastVariance: boolean | undefined;
}

/**
 * The norm arguments of a spec (`LayerNorm`, `GroupNorm`, `BatchNorm`), undefined where not given.
 *
 * @throws {InteropError} E_INVALID_SPEC for a value of the wrong type.
 * @example
 * ```ts
 * new LayerNorm({ ...dtypes, ...normArgs(spec) });
 * ```
 */
export function normArgs(spec: ModuleSpec): NormArgs {
  return {
    epsilon: num(spec, 'epsilon'),
    useBias: bool(spec, 'use_bias'),
    useScale: bool(spec, 'use_scale'),
    useFastVariance: bool(spec, 'use_fast_variance'),
  };
}

/**
 * A norm's spec arguments, in Flax's order: `epsilon`, `use_bias`, `use_scale`, `use_fast_variance`.
 *
 * @example
 * ```ts
 * ({ type: 'LayerNorm', ...normSpecArgs(norm) });
 * ```
 */
export function normSpecArgs(norm: NormFields & { readonly useBias: boolean; readonly useScale: boolean }): Record<string, unknown> {
  return { epsilon: norm.epsilon, use_bias: norm.useBias, use_scale: norm.useScale, use_fast_variance: norm.useFastVariance };
}

/** The keyword arguments of a Flax `Conv` a spec gives, after its features and kernel size. */
export interface ConvArgs {
  /** `strides`. */
  strides: number | number[] | undefined;
  /** `padding`. */
  padding: FlaxPadding | undefined;
  /** `input_dilation`. */
  inputDilation: number | number[] | undefined;
  /** `kernel_dilation`. */
  kernelDilation: number | number[] | undefined;
  /** `feature_group_count`. */
  featureGroupCount: number | undefined;
  /** `use_bias`. */
  useBias: boolean | undefined;
}

/**
 * The conv arguments of a spec, undefined where not given.
 *
 * @throws {InteropError} E_INVALID_SPEC for a value of the wrong type.
 * @example
 * ```ts
 * new Conv(need(spec, 'features'), kernelSize, { ...dtypes, ...convArgs(spec) });
 * ```
 */
export function convArgs(spec: ModuleSpec): ConvArgs {
  return {
    strides: sizes(spec, 'strides'),
    padding: spec.padding as FlaxPadding | undefined,
    inputDilation: sizes(spec, 'input_dilation'),
    kernelDilation: sizes(spec, 'kernel_dilation'),
    featureGroupCount: num(spec, 'feature_group_count'),
    useBias: bool(spec, 'use_bias'),
  };
}

/**
 * A conv's spec arguments from `kernel_size` on, in Flax's order.
 *
 * @example
 * ```ts
 * ({ type: 'Conv', features: 4, ...convSpecArgs(conv) });
 * ```
 */
export function convSpecArgs(conv: ConvFields & { readonly useBias: boolean }): Record<string, unknown> {
  return {
    kernel_size: conv.kernelSize,
    strides: conv.strides,
    padding: conv.padding,
    input_dilation: conv.inputDilation,
    kernel_dilation: conv.kernelDilation,
    feature_group_count: conv.featureGroupCount,
    use_bias: conv.useBias,
  };
}
