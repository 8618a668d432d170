/**
 * `@interop/brainstate`: BrainState: brainstate.nn layers, random, environ, graph and braintools files.
 *
 * @packageDocumentation
 * @module @interop/brainstate
 */
import { brainstate } from './plugin.js';

// The layer classes, also at the top level (`import { Linear } from '@interop/brainstate'`).
export * from './nn.js';
/** `brainstate.nn`: layers, state containers and the `jax.nn`-style functions a Sequential holds. */
export * as nn from './nn.js';
/** `brainstate.random`: `seed`, `splitKey`, `randn`, `rand`, ... on BrainState's global key. */
export * as random from './random.js';
/** `brainstate.graph`: `states(model)` by nested path, `toNest(model)`. */
export * as graph from './graph.js';
export { states, toNest } from './graph.js';
export type { StateTree } from './graph.js';
export { environ } from './environ.js';
export type { EnvironSettings } from './environ.js';
export { loadStateDict, msgpackLoad, msgpackSave, safetensorsLoad, safetensorsSave, stateDict } from './files.js';
export { moduleFromSpec } from './spec.js';
export type { ModuleSpec, ModuleTreeSpec } from './spec.js';
export { moduleToSpec } from './to-spec.js';
export { specs } from './specs/index.js';
export type { InferContext, ModuleClass, SpecEntry, SpecField, SpecFields } from './specs/entry.js';
export { inferArchitecture } from './infer.js';
export type { InferOptions, InferredArchitecture } from './infer.js';
export { brainstateAdapter } from './adapter.js';
export { mappings, refusals } from './mappings/index.js';
export { GRU_REASON, noCounterpart } from './mappings/reasons.js';
export { brainstate };
export default brainstate;
