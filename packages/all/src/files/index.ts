import { brainstateFiles } from './brainstate.js';
import { equinoxFiles } from './equinox.js';
import { linenFiles } from './linen.js';
import { nnxFiles } from './nnx.js';
import type { FrameworkFiles } from './types.js';

/** Every framework's native files, by framework name. */
export const FRAMEWORK_FILES: Readonly<Record<string, FrameworkFiles>> = {
  brainstate: brainstateFiles,
  nnx: nnxFiles,
  linen: linenFiles,
  equinox: equinoxFiles,
};
