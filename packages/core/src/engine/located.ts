import { ConversionError } from '../errors/named-errors.js';
import { InteropError } from '../errors/interop-error.js';
import type { InteropErrorDetails } from '../errors/interop-error.js';

/** Where an error happened, as the engine knows it. */
export interface Location {
  path: string;
  layer: string;
  framework: string;
  plugin?: string;
}

/** Copies an InteropError, filling in location fields it does not already have. */
function withLocation(error: InteropError, where: Location): InteropError {
  const details: InteropErrorDetails = { ...error.details };
  if (details.path === undefined || details.path === '') details.path = where.path;
  details.layer ??= where.layer;
  details.framework ??= where.framework;
  if (where.plugin !== undefined) details.plugin ??= where.plugin;
  // Same construction as InteropError#at: keeps the subclass for `instanceof` checks.
  return Reflect.construct(InteropError, [error.code, error.summary, details], error.constructor) as InteropError;
}

/**
 * Runs a plugin callback and makes any failure an InteropError that says where it happened.
 * InteropErrors get the missing location fields; anything else becomes `E_CONVERSION` naming the
 * plugin and layer, with the original error as `cause`.
 */
export function located<T>(where: Location, action: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof InteropError) throw withLocation(error, where);
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new ConversionError(
      `Plugin "${where.plugin ?? '(unknown)'}" failed while ${action} \`${where.layer}\`: ${message}`,
      { ...where, cause: error, fix: 'This is a bug in the plugin or a layer it does not handle; report it to the plugin with this message' },
    );
  }
}
