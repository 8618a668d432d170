import type { Shape, Tensor } from '@interop/core';
import { checkFloatDType, checkShape, computeFans, floatTensor, roundFor } from '@interop/runtime';
import type { FanMode, FloatDType, VarianceDistribution } from '@interop/runtime';
import { globalRandom } from './random-state.js';
import type { RandomState } from './random-state.js';

/** Call options of a {@link Initializer}. */
export interface InitOptions {
  /** The random state to draw from; default `random.DEFAULT` (BrainState's global). */
  rng?: RandomState;
  /** Result dtype; default float32. */
  dtype?: FloatDType;
}

/** A BrainState initialiser: `init(shape)` draws from the global state (one `split_key` per call). */
export type Initializer = (shape: Shape, options?: InitOptions) => Tensor;

/**
 * `brainstate.nn.init.VarianceScaling(scale, mode, distribution, in_axis, out_axis)`. Unlike
 * JAX's, its truncated normal is BrainState's own inverse-CDF sampler.
 *
 * @example
 * ```ts
 * varianceScaling(2, 'fan_in', 'truncated_normal')([4, 8]); // KaimingNormal
 * ```
 */
export function varianceScaling(
  scale: number,
  mode: Exclude<FanMode, 'fan_geo_avg'>,
  distribution: VarianceDistribution,
  axes: { inAxis?: number; outAxis?: number } = {},
): Initializer {
  return (shape, o = {}) => {
    const dtype = checkFloatDType(o.dtype, 'brainstate initializer');
    const rng = o.rng ?? globalRandom;
    const s = checkShape(shape, 'brainstate initializer');
    const [fanIn, fanOut] = computeFans(s, axes.inAxis ?? -2, axes.outAxis ?? -1);
    const den = mode === 'fan_in' ? fanIn : mode === 'fan_out' ? fanOut : (fanIn + fanOut) / 2;
    const r = roundFor(dtype);
    const variance = r(scale / den);
    let draw: Tensor;
    let factor: number;
    if (distribution === 'truncated_normal') {
      draw = rng.truncatedNormal(-2, 2, s, { dtype });
      factor = r(r(Math.sqrt(variance)) / r(0.87962566103423978));
    } else if (distribution === 'normal') {
      draw = rng.randn(...s, { dtype });
      factor = r(Math.sqrt(variance));
    } else {
      draw = rng.uniform(-1, 1, s, { dtype });
      factor = r(Math.sqrt(r(3 * variance)));
    }
    return floatTensor(
      draw.toArray().map((v) => r(v * factor)),
      s,
      dtype,
    );
  };
}

/**
 * BrainState's named initialisers (`brainstate.nn.init`), defaults as in brainstate 0.5.4.
 *
 * @example
 * ```ts
 * random.seed(0);
 * initializers.kaimingNormal()([4, 8]); // brainstate.nn.Linear(4, 8) weight
 * ```
 */
export const initializers = {
  /** KaimingNormal: (2, fan_in, truncated_normal); brainstate Linear's weight init. */
  kaimingNormal: (scale = 2) => varianceScaling(scale, 'fan_in', 'truncated_normal'),
  /** KaimingUniform: (2, fan_in, uniform). */
  kaimingUniform: (scale = 2) => varianceScaling(scale, 'fan_in', 'uniform'),
  /** XavierNormal: (1, fan_avg, truncated_normal); brainstate Conv's weight init. */
  xavierNormal: (scale = 1) => varianceScaling(scale, 'fan_avg', 'truncated_normal'),
  /** XavierUniform: (1, fan_avg, uniform). */
  xavierUniform: (scale = 1) => varianceScaling(scale, 'fan_avg', 'uniform'),
  /** LecunUniform: (1, fan_in, uniform); brainstate Embedding's init. */
  lecunUniform: (scale = 1) => varianceScaling(scale, 'fan_in', 'uniform'),
  /** LecunNormal: (1, fan_in, truncated_normal). */
  lecunNormal: (scale = 1) => varianceScaling(scale, 'fan_in', 'truncated_normal'),
  /** ZeroInit: zeros, draws nothing. */
  zeroInit:
    (): Initializer =>
    (shape, o = {}) => {
      const s = checkShape(shape, 'zeroInit');
      return floatTensor(new Float64Array(s.reduce((a, b) => a * b, 1)), s, checkFloatDType(o.dtype, 'zeroInit'));
    },
} as const;
