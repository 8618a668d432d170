// BrainState computes in JAX's promoted float dtype; the promotion and the cast live in the runtime.
export { castTo, promoteFloatDtypes as promote } from '@interop/runtime';
