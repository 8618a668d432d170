import { InteropError } from '@interop/core';
import type { CliIO } from './io.js';

/**
 * Prints an error as one line with its code (a stack trace only with `--debug`) and returns the
 * exit code: 1 for a failed verification, 2 for everything the user can fix.
 */
export function reportError(error: unknown, io: CliIO, debug: boolean): number {
  if (error instanceof InteropError) {
    io.err(`interop: ${error.code}: ${error.message}`);
    if (debug && error.stack) io.err(error.stack);
    return error.code === 'E_TOLERANCE_EXCEEDED' ? 1 : 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.err(`interop: internal error: ${message}. Rerun with --debug and report it.`);
  if (debug && error instanceof Error && error.stack) io.err(error.stack);
  return 2;
}
