import { definePlugin } from '@interop/core';
import { brainstateAdapter } from './adapter.js';
import { brainstateFiles } from './files-part.js';
import { mappings, refusals } from './mappings/index.js';
import pkg from '../package.json' with { type: 'json' };

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
  meta: { name: '@interop/brainstate', version: pkg.version, framework: 'brainstate', title: 'BrainState' },
  adapter: brainstateAdapter,
  mappings,
  refusals,
  files: brainstateFiles,
});
