import { InteropError } from '@interop/core';
import type { CliIO } from './io.js';

/**
 * Prints an error as one line with its code (a stack trace only with `--debug`) and returns the
 * exit code: 1 for a failed verification, 2 for everything the user can fix. With `--json` the
 * error is also one JSON object on stdout (`{ ok: false, code, message }`) for scripts.
 */
export function reportError(error: unknown, io: CliIO, debug: boolean, json = false): number {
  if (error instanceof InteropError) {
    io.err(`interop: ${error.code}: ${error.message}`);
    if (json) {
      const { path, fix } = error.details as { path?: unknown; fix?: unknown };
      io.out(
        JSON.stringify({
          ok: false,
          code: error.code,
          message: error.message,
          ...(typeof path === 'string' ? { path } : {}),
          ...(typeof fix === 'string' ? { fix } : {}),
        }),
      );
    }
    if (debug && error.stack) io.err(error.stack);
    return error.code === 'E_TOLERANCE_EXCEEDED' ? 1 : 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.err(`interop: internal error: ${message}. Rerun with --debug and report it.`);
  if (json) io.out(JSON.stringify({ ok: false, code: 'E_INTERNAL', message }));
  if (debug && error instanceof Error && error.stack) io.err(error.stack);
  return 2;
}
