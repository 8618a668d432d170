import { linenFiles } from './linen.js';
import type { FrameworkFiles } from './types.js';

/** Every framework's native files, by framework name. */
export const FRAMEWORK_FILES: Readonly<Record<string, FrameworkFiles>> = {
  linen: linenFiles,
};
