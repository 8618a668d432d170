export { KeyArray, PRNGKey, key, keyData, toKeyArray, wrapKeyData } from './key.js';
export type { KeyLike } from './key.js';
export { foldIn, split } from './split.js';
export { bits, randomWords } from './bits.js';
export type { BitsDType, BitsOptions } from './bits.js';
export { uniform, uniformValues } from './uniform.js';
export type { UniformOptions } from './uniform.js';
export { normal, normalValues, truncatedNormal, truncatedNormalValues } from './normal.js';
export type { NormalOptions, TruncatedNormalOptions } from './normal.js';
export { bernoulli } from './bernoulli.js';
export type { BernoulliOptions } from './bernoulli.js';
export { checkFloatDType, floatTensor, nextAfter, roundFor } from './float-dtype.js';
export { checkShape } from './shape.js';
export type { FloatDType } from './float-dtype.js';
export { threefry2x32 } from './threefry.js';
export { erfF32, erfInvF32, log1pF32 } from './xla-math.js';
export * as initializers from './initializers/index.js';
export {
  computeFans,
  constant,
  glorotNormal,
  glorotUniform,
  heNormal,
  heUniform,
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
} from './initializers/index.js';
export type { Axes, FanMode, Initializer, VarianceDistribution, VarianceScalingOptions } from './initializers/index.js';
export * from './frameworks/index.js';
