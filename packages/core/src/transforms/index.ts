export { AddScalar } from './add-scalar.js';
export { Chain } from './chain.js';
export { Identity } from './identity.js';
export { ReorderBlocks } from './reorder-blocks.js';
export type { ShapeRule } from './reshape.js';
export { Reshape } from './reshape.js';
export { SplitConcat } from './split-concat.js';
export type { Transform } from './transform.js';
export { PermuteAxes, Transpose } from './transpose.js';
