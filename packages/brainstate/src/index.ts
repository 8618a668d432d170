import { brainstate } from './plugin.js';

export * from './nn.js';
export * as nn from './nn.js';
export * as random from './random.js';
export * as graph from './graph.js';
export { states, toNest } from './graph.js';
export type { StateTree } from './graph.js';
export { environ } from './environ.js';
export type { EnvironSettings } from './environ.js';
export { loadStateDict, msgpackLoad, msgpackSave, safetensorsLoad, safetensorsSave, stateDict } from './files.js';
export { moduleFromSpec } from './spec.js';
export type { ModuleSpec } from './spec.js';
export { brainstateAdapter } from './adapter.js';
export { mappings, refusals } from './mappings/index.js';
export { GRU_REASON, noCounterpart } from './mappings/reasons.js';
export { brainstate };
export default brainstate;
export { moduleToSpec } from './to-spec.js';
