import { definePlugin } from '@interop/core';
import { toyAdapter } from './adapter.js';
import { toyFiles } from './files-part.js';
import { mappings } from './mappings/index.js';

/**
 * A whole framework from outside the repository: the toy framework (`Dense`, `ReLU`, `Stack`),
 * its mappings to the built-in `linear` and `activation` kinds, and its files (one JSON format),
 * so `interop convert --from toy` and `interop verify` work once the CLI is given the plugin
 * (`--plugin interop-plugin-scale`).
 *
 * @example
 * ```ts
 * createRegistry().use(linen).use(toy).convert(model, { from: 'toy', to: 'linen' });
 * ```
 */
export const toy = definePlugin({
  meta: { name: 'interop-plugin-scale/toy', version: '0.0.0', framework: 'toy' },
  adapter: toyAdapter,
  mappings,
  files: toyFiles,
});
