import { InteropError } from '@interop/core';
import type { Shape, Tensor } from '@interop/core';
import { checkFloatDType, floatTensor, roundFor } from '../float-dtype.js';
import type { FloatDType } from '../float-dtype.js';
import { normalValues, truncatedNormalValues } from '../normal.js';
import { checkShape, count } from '../shape.js';
import { uniformValues } from '../uniform.js';
import type { Initializer } from './types.js';

function full(shape: Shape, value: number, dtype: FloatDType): Tensor {
  const s = checkShape(shape, 'initializer');
  return floatTensor(new Float64Array(count(s)).fill(roundFor(dtype)(value)), s, dtype);
}

/**
 * All zeros (`jax.nn.initializers.zeros`); the key is ignored.
 *
 * @example
 * ```ts
 * zeros(key(0), [2, 3]);
 * ```
 */
export const zeros: Initializer = (_key, shape, dtype) => full(shape, 0, checkFloatDType(dtype, 'zeros'));

/**
 * All ones (`jax.nn.initializers.ones`); the key is ignored.
 *
 * @example
 * ```ts
 * ones(key(0), [2, 3]);
 * ```
 */
export const ones: Initializer = (_key, shape, dtype) => full(shape, 1, checkFloatDType(dtype, 'ones'));

/**
 * A constant fill (`jax.nn.initializers.constant(value)`).
 *
 * @example
 * ```ts
 * constant(0.1)(key(0), [3]);
 * ```
 */
export function constant(value: number, dtype?: FloatDType): Initializer {
  return (_key, shape, d) => full(shape, value, checkFloatDType(d ?? dtype, 'constant'));
}

function scaled(values: Float64Array, factor: number, shape: number[], dtype: FloatDType): Tensor {
  const r = roundFor(dtype);
  const f = r(factor);
  for (let i = 0; i < values.length; i++) values[i] = r(values[i]! * f);
  return floatTensor(values, shape, dtype);
}

/**
 * Uniform on [0, scale) (`jax.nn.initializers.uniform(scale=1e-2)`).
 *
 * @example
 * ```ts
 * uniform(0.5)(key(0), [2, 3]);
 * ```
 */
export function uniform(scale = 1e-2, dtype?: FloatDType): Initializer {
  return (k, shape, d) => {
    const dt = checkFloatDType(d ?? dtype, 'uniform');
    const s = checkShape(shape, 'uniform');
    return scaled(uniformValues(k, count(s), dt, 0, 1), scale, s, dt);
  };
}

/**
 * Normal with standard deviation `stddev` (`jax.nn.initializers.normal(stddev=1e-2)`).
 *
 * @example
 * ```ts
 * normal(2)(key(0), [2, 3]);
 * ```
 */
export function normal(stddev = 1e-2, dtype?: FloatDType): Initializer {
  return (k, shape, d) => {
    const dt = checkFloatDType(d ?? dtype, 'normal');
    const s = checkShape(shape, 'normal');
    return scaled(normalValues(k, count(s), dt), stddev, s, dt);
  };
}

/**
 * Truncated normal on (lower, upper) times `stddev`
 * (`jax.nn.initializers.truncated_normal(stddev=1e-2, dtype, lower=-2, upper=2)`).
 *
 * @throws {InteropError} E_INVALID_ARGUMENT when lower >= upper.
 * @example
 * ```ts
 * truncatedNormal(0.5)(key(0), [2, 3]);
 * ```
 */
export function truncatedNormal(stddev = 1e-2, dtype?: FloatDType, lower = -2, upper = 2): Initializer {
  if (!(lower < upper)) {
    throw new InteropError('E_INVALID_ARGUMENT', 'truncatedNormal needs lower < upper', { found: [lower, upper] });
  }
  return (k, shape, d) => {
    const dt = checkFloatDType(d ?? dtype, 'truncatedNormal');
    const s = checkShape(shape, 'truncatedNormal');
    return scaled(truncatedNormalValues(k, count(s), dt, lower, upper), stddev, s, dt);
  };
}
