/**
 * `@interop/runtime`: forward kernels for every IR kind, verification, and JAX-compatible randomness.
 *
 * Every export is listed here by name (the list is checked by `index.test.ts`): kernels' building
 * blocks (`threefry2x32`, the per-kernel plans, the sampler value helpers) and the process-global
 * `setDefaultBackend` stay inside the package; pass `{ backend }` to `runIR`/`runCell`/`runProgram`
 * instead. The float32 helpers, `erfF32`/`erfInvF32`, `computeFans` and `sha1` are exported because
 * the framework plugins derive their initializers and random keys from them.
 *
 * @packageDocumentation
 * @module @interop/runtime
 */
export { BACKEND_NAMES, getDefaultBackend, GPUJS_MAX_ELEMENTS, lastRun } from './compute/index.js';
export type { BackendName, RunReport } from './compute/index.js';
export { activate, castTo, promoteFloatDtypes } from './compute/index.js';
export { runCell, runIR, runProgram } from './compute/index.js';
export type { Carry, CellIR, RunOptions } from './compute/index.js';
export { allclose, compare, float32Tolerance, verify } from './compute/index.js';
export type { AllcloseOptions, Discrepancy, OutputReport, Runnable, VerifyOptions, VerifyReport } from './compute/index.js';
export { fromNdarray, toNdarray } from './compute/index.js';

export { KeyArray, PRNGKey, foldIn, key, keyData, split, toKeyArray, wrapKeyData } from './random/index.js';
export type { KeyLike } from './random/index.js';
export { bernoulli, bits, normal, truncatedNormal, uniform } from './random/index.js';
export type { BernoulliOptions, BitsDType, BitsOptions, NormalOptions, TruncatedNormalOptions, UniformOptions } from './random/index.js';
export { checkFloatDType, checkShape, erfF32, erfInvF32, floatTensor, nextAfter, roundFor, uniformValues } from './random/index.js';
export type { FloatDType } from './random/index.js';
export { sha1 } from './random/index.js';
export {
  computeFans,
  constant,
  glorotNormal,
  glorotUniform,
  heNormal,
  heUniform,
  initializers,
  kaimingNormal,
  kaimingUniform,
  lecunNormal,
  lecunUniform,
  ones,
  orthogonal,
  varianceScaling,
  xavierNormal,
  xavierUniform,
  zeros,
} from './random/index.js';
export type { Axes, FanMode, Initializer, VarianceDistribution, VarianceScalingOptions } from './random/index.js';
