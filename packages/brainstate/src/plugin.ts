import { definePlugin } from '@interop/core';
import { brainstateAdapter } from './adapter.js';
import { brainstateFiles } from './files-part.js';
import { mappings, refusals } from './mappings/index.js';

/**
 * The BrainState plugin; register it with `createRegistry().use(brainstate)`. Nothing registers
 * on import.
 *
 * @example
 * ```ts
 * const ir = createRegistry().use(brainstate).toIR(model, 'brainstate', { sampleInput: [4] });
 * ```
 */
export const brainstate = definePlugin({
  meta: { name: '@interop/brainstate', version: '0.0.0', framework: 'brainstate' },
  adapter: brainstateAdapter,
  mappings,
  refusals,
  files: brainstateFiles,
});
