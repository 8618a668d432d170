export { BrainstateRandom, brainstateRandom, createBrainstateRandom } from './brainstate-random.js';
export type { BrainstateDrawOptions } from './brainstate-random.js';
export { brainstateInitializers, brainstateVarianceScaling } from './brainstate-init.js';
export type { BrainstateInitializer, BrainstateInitOptions } from './brainstate-init.js';
export {
  equinoxConvInit,
  equinoxEmbeddingInit,
  equinoxGRUCellInit,
  equinoxLinearInit,
  equinoxLSTMCellInit,
} from './equinox-init.js';
export type { EquinoxInitOptions } from './equinox-init.js';
export { LinenRngScope, createLinenScope, linenFoldStatic, linenParamKey } from './linen-keys.js';
export type { LinenFoldOptions } from './linen-keys.js';
export { RngStream, Rngs, createRngs } from './nnx-rngs.js';
export { sha1 } from './sha1.js';
