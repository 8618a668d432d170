import type { ActivationFn } from '@interop/core';

/** A flat buffer of numbers: float64 on the reference backend, float32 elsewhere. */
export type Vec = Float32Array | Float64Array;

/**
 * Names of the compute backends.
 * - `reference`: plain TypeScript, float64 everywhere; the ground truth.
 * - `tiled`: plain TypeScript, float32, cache-blocked loops; the fastest in Node without a GPU.
 * - `gpu.js`: gpu.js `mode: 'gpu'` (WebAssembly in Node, WebGL2 in a browser).
 * - `gpu.js-cpu`: gpu.js `mode: 'cpu'` (kernels transpiled to JavaScript).
 */
export type BackendName = 'reference' | 'tiled' | 'gpu.js' | 'gpu.js-cpu';

/** How a normalisation computes its statistics. `rms` uses no mean. */
export type NormStat = 'fast' | 'two-pass' | 'rms';

/**
 * A normalisation over data viewed as `[outer, spatial, groups, groupSize]`: statistics per
 * `(outer, group)` over `spatial × groupSize` elements; scale and bias per `group*groupSize + j`.
 * Layer/RMS norm use `spatial = groups = 1`.
 */
export interface NormPlan {
  outer: number;
  spatial: number;
  groups: number;
  groupSize: number;
  epsilon: number;
  stat: NormStat;
}

/**
 * A convolution lowered to an index table: for output position `p` and kernel tap `t`,
 * `table[p*taps + t]` is the input spatial index read, or -1 for a zero.
 */
export interface ConvPlan {
  batch: number;
  inSpatial: number;
  outSpatial: number;
  taps: number;
  inFeatures: number;
  outFeatures: number;
  groups: number;
  table: Int32Array;
}

/**
 * A pooling lowered to a tap table (as {@link ConvPlan}, without features): for output position
 * `p` and window tap `t`, `table[p*taps + t]` is the input spatial index read, or -1 for padding.
 * Max pooling treats padding as `-inf`; average pooling divides by `taps` when `countIncludePad`,
 * else by the number of non-padding taps.
 */
export interface PoolPlan {
  batch: number;
  inSpatial: number;
  outSpatial: number;
  taps: number;
  channels: number;
  op: 'max' | 'avg';
  countIncludePad: boolean;
  table: Int32Array;
}

/**
 * A mean over some axes of each example: output `o` of example `b` averages
 * `x[b*inSize + bases[o] + offsets[t]]` over every `t`.
 */
export interface MeanPlan {
  batch: number;
  inSize: number;
  bases: Int32Array;
  offsets: Int32Array;
}

/** A softmax along the middle axis of data viewed as `[outer, size, inner]`; `log` for log-softmax. */
export interface SoftmaxPlan {
  outer: number;
  size: number;
  inner: number;
  log: boolean;
}

/**
 * The numeric primitives a backend implements; layer logic is shared on top of them. Inputs may
 * be float32 or float64; outputs use the backend's precision.
 */
export interface Backend {
  readonly name: BackendName;
  /** Float64Array for the reference backend, Float32Array otherwise. */
  alloc(n: number): Vec;
  /** Rounds a value to the backend's precision (identity for float64). */
  round(v: number): number;
  /** `[m,k] @ [k,n] (+ bias[n])`. */
  matmul(a: Vec, b: Vec, m: number, k: number, n: number, bias?: Vec): Vec;
  /** Channels-last convolution through a {@link ConvPlan}; kernel `[taps, in/groups, out]`. */
  conv(x: Vec, kernel: Vec, plan: ConvPlan, bias?: Vec): Vec;
  /** `(x - mean) * rsqrt(var + eps) * scale + bias` (RMS: `x * rsqrt(mean(x²) + eps) * scale + bias`). */
  normalize(x: Vec, plan: NormPlan, scale?: Vec, bias?: Vec): Vec;
  /** Per-channel `(x - mean[c]) * mul[c] + add[c]` over a channels-last buffer. */
  channelAffine(x: Vec, channels: number, mean: Vec, mul: Vec, add: Vec): Vec;
  /** An elementwise activation. */
  activation(x: Vec, fn: ActivationFn, alpha: number): Vec;
  /** Elementwise `a + b` of two buffers of the same length (a residual add). */
  add(a: Vec, b: Vec): Vec;
  /** Max or average pooling over a channels-last buffer through a {@link PoolPlan}. */
  pool(x: Vec, plan: PoolPlan): Vec;
  /** A mean over axes through a {@link MeanPlan}; `batch * bases.length` outputs. */
  mean(x: Vec, plan: MeanPlan): Vec;
  /** `jax.nn.softmax` / `log_softmax` through a {@link SoftmaxPlan}. */
  softmax(x: Vec, plan: SoftmaxPlan): Vec;
  /** The engine that executed the last primitive (e.g. `WebAssemblyKernel`). */
  engine(): string;
}
