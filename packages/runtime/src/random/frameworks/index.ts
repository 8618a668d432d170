export { LinenRngScope, createLinenScope, linenFoldStatic, linenParamKey } from './linen-keys.js';
export type { LinenFoldOptions } from './linen-keys.js';
export { RngStream, Rngs, createRngs } from './nnx-rngs.js';
export { sha1 } from './sha1.js';
