export * from './compute/index.js';
export * from './random/index.js';
