import { InteropError } from '@interop/core';
import { checkFloatDType, floatTensor, roundFor } from '../float-dtype.js';
import type { FloatDType } from '../float-dtype.js';
import { normalValues, truncatedNormalValues } from '../normal.js';
import { checkShape, count } from '../shape.js';
import { uniformValues } from '../uniform.js';
import { computeFans } from './fans.js';
import type { Axes } from './fans.js';
import type { Initializer } from './types.js';

/** How the variance denominator is formed from the fans. */
export type FanMode = 'fan_in' | 'fan_out' | 'fan_avg' | 'fan_geo_avg';

/** The distribution a variance-scaling initialiser draws from. */
export type VarianceDistribution = 'truncated_normal' | 'normal' | 'uniform';

/** Keyword arguments of {@link varianceScaling} and the named presets. */
export interface VarianceScalingOptions {
  /** Input axis or axes; default -2. */
  inAxis?: Axes;
  /** Output axis or axes; default -1. */
  outAxis?: Axes;
  /** Batch axes excluded from the fans; default none. */
  batchAxis?: Axes;
  /** Default dtype of the result; default float32. */
  dtype?: FloatDType;
}

/** Std of a standard normal truncated to [-2, 2]; JAX divides by it. */
const TRUNC_STD = 0.87962566103423978;

/**
 * `jax.nn.initializers.variance_scaling(scale, mode, distribution, in_axis, out_axis,
 * batch_axis, dtype)` with JAX's exact rounding order (variance rounded to dtype first).
 *
 * @throws {InteropError} E_INVALID_ARGUMENT for an unknown mode or distribution.
 * @example
 * ```ts
 * varianceScaling(2, 'fan_in', 'truncated_normal')(key(0), [4, 8]);
 * ```
 */
export function varianceScaling(
  scale: number,
  mode: FanMode,
  distribution: VarianceDistribution,
  options: VarianceScalingOptions = {},
): Initializer {
  if (!['fan_in', 'fan_out', 'fan_avg', 'fan_geo_avg'].includes(mode)) {
    throw new InteropError('E_INVALID_ARGUMENT', 'Unknown variance scaling mode', { found: mode });
  }
  if (!['truncated_normal', 'normal', 'uniform'].includes(distribution)) {
    throw new InteropError('E_INVALID_ARGUMENT', 'Unknown variance scaling distribution', { found: distribution });
  }
  return (k, shape, d) => {
    const dtype = checkFloatDType(d ?? options.dtype, 'varianceScaling');
    const s = checkShape(shape, 'varianceScaling');
    const [fanIn, fanOut] = computeFans(s, options.inAxis, options.outAxis, options.batchAxis);
    const denominator =
      mode === 'fan_in' ? fanIn : mode === 'fan_out' ? fanOut : mode === 'fan_avg' ? (fanIn + fanOut) / 2 : Math.sqrt(fanIn * fanOut);
    const r = roundFor(dtype);
    const variance = r(scale / denominator);
    const n = count(s);
    let values: Float64Array;
    let factor: number;
    if (distribution === 'truncated_normal') {
      values = truncatedNormalValues(k, n, dtype, -2, 2);
      factor = r(r(Math.sqrt(variance)) / r(TRUNC_STD));
    } else if (distribution === 'normal') {
      values = normalValues(k, n, dtype);
      factor = r(Math.sqrt(variance));
    } else {
      values = uniformValues(k, n, dtype, -1, 1);
      factor = r(Math.sqrt(r(3 * variance)));
    }
    for (let i = 0; i < n; i++) values[i] = r(values[i]! * factor);
    return floatTensor(values, s, dtype);
  };
}

function preset(scale: number, mode: FanMode, distribution: VarianceDistribution) {
  return (options: VarianceScalingOptions = {}): Initializer => varianceScaling(scale, mode, distribution, options);
}

/**
 * LeCun normal: truncated normal with variance 1/fan_in (the Flax default kernel init).
 *
 * @example
 * ```ts
 * lecunNormal()(key(0), [4, 8]);
 * ```
 */
export const lecunNormal = preset(1, 'fan_in', 'truncated_normal');
/**
 * LeCun uniform: variance 1/fan_in.
 *
 * @example
 * ```ts
 * lecunUniform()(key(0), [4, 8]);
 * ```
 */
export const lecunUniform = preset(1, 'fan_in', 'uniform');
/**
 * Glorot (Xavier) normal: truncated normal with variance 2/(fan_in + fan_out).
 *
 * @example
 * ```ts
 * glorotNormal()(key(0), [5, 7]);
 * ```
 */
export const glorotNormal = preset(1, 'fan_avg', 'truncated_normal');
/**
 * Glorot (Xavier) uniform: variance 2/(fan_in + fan_out).
 *
 * @example
 * ```ts
 * glorotUniform()(key(0), [5, 7]);
 * ```
 */
export const glorotUniform = preset(1, 'fan_avg', 'uniform');
/**
 * He (Kaiming) normal: truncated normal with variance 2/fan_in.
 *
 * @example
 * ```ts
 * heNormal()(key(0), [3, 3, 2, 4]);
 * ```
 */
export const heNormal = preset(2, 'fan_in', 'truncated_normal');
/**
 * He (Kaiming) uniform: variance 2/fan_in.
 *
 * @example
 * ```ts
 * heUniform()(key(0), [3, 3, 2, 4]);
 * ```
 */
export const heUniform = preset(2, 'fan_in', 'uniform');
/** Alias of {@link glorotNormal}. @example `xavierNormal()(key(0), [5, 7])` */
export const xavierNormal = glorotNormal;
/** Alias of {@link glorotUniform}. @example `xavierUniform()(key(0), [5, 7])` */
export const xavierUniform = glorotUniform;
/** Alias of {@link heNormal}. @example `kaimingNormal()(key(0), [4, 8])` */
export const kaimingNormal = heNormal;
/** Alias of {@link heUniform}. @example `kaimingUniform()(key(0), [4, 8])` */
export const kaimingUniform = heUniform;
