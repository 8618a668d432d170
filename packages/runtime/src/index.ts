/**
 * `@interop/runtime`: forward kernels for every IR kind, verification, and JAX-compatible randomness.
 *
 * @packageDocumentation
 * @module @interop/runtime
 */
export * from './compute/index.js';
export * from './random/index.js';
