import { InteropError } from '../errors/interop-error.js';

/** Runs `run` and returns the InteropError it throws; fails when it throws nothing or another error. */
export function catchError(run: () => unknown): InteropError {
  try {
    run();
  } catch (error) {
    if (error instanceof InteropError) return error;
    throw error;
  }
  throw new Error('expected an InteropError');
}
