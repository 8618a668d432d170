import type { CodecOptions } from '@interop/core';
import { resolveLimits } from '../limits.js';
import type { ReadLimits } from '../limits.js';

/** The read limits a codec was given, merged into the defaults. */
export function limitsOf(options: CodecOptions = {}): ReadLimits {
  return resolveLimits(options.limits as Partial<ReadLimits> | undefined);
}
