import { InteropError } from '@interop/core';
import type { InteropErrorCode, InteropErrorDetails } from '@interop/core';

/**
 * Builds the {@link InteropError} a codec throws, with the byte offset and tree path filled in.
 *
 * @example
 * ```ts
 * throw formatError('E_FORMAT_TRUNCATED', 'The file ends inside a header', { offset: 10 });
 * ```
 */
export function formatError(code: InteropErrorCode, what: string, details: InteropErrorDetails = {}): InteropError {
  return new InteropError(code, what, details);
}
