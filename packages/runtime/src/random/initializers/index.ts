export { constant, normal, ones, truncatedNormal, uniform, zeros } from './basic.js';
export { computeFans } from './fans.js';
export type { Axes } from './fans.js';
export { orthogonal } from './orthogonal.js';
export type { Initializer } from './types.js';
export {
  glorotNormal,
  glorotUniform,
  heNormal,
  heUniform,
  kaimingNormal,
  kaimingUniform,
  lecunNormal,
  lecunUniform,
  varianceScaling,
  xavierNormal,
  xavierUniform,
} from './variance-scaling.js';
export type { FanMode, VarianceDistribution, VarianceScalingOptions } from './variance-scaling.js';
