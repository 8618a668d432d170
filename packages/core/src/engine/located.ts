import { ConversionError } from '../errors/named-errors.js';
import { InteropError } from '../errors/interop-error.js';
import type { InteropErrorDetails } from '../errors/interop-error.js';

/** Where an error happened, as the engine knows it. */
export interface Location {
  path: string;
  layer: string;
  framework: string;
  plugin?: string;
  /** The mapping whose callback runs (`equinox:Linear`), when it is one. */
  mapping?: string;
}

/** First-party plugins: only their failures are called a bug in the plugin. */
const FIRST_PARTY = '@interop/';

/** Copies an InteropError, filling in location fields it does not already have. */
function withLocation(error: InteropError, where: Location): InteropError {
  const details: InteropErrorDetails = { ...error.details };
  if (details.path === undefined || details.path === '') details.path = where.path;
  details.layer ??= where.layer;
  details.framework ??= where.framework;
  if (where.plugin !== undefined) details.plugin ??= where.plugin;
  if (where.mapping !== undefined) details.mapping ??= where.mapping;
  // Same construction as InteropError#at: keeps the subclass for `instanceof` checks.
  return Reflect.construct(InteropError, [error.code, error.summary, details], error.constructor) as InteropError;
}

function fixFor(where: Location): string {
  const firstParty = where.plugin?.startsWith(FIRST_PARTY) ?? false;
  if (firstParty) return 'This is a bug in the plugin or a layer it does not handle; report it to the plugin with this message';
  const culprit =
    where.mapping !== undefined ? `mapping ${where.mapping} of plugin "${where.plugin}"` : `plugin "${where.plugin ?? '(unknown)'}"`;
  return `The failure is in ${culprit}; check it against docs/authoring-plugins.md (what each framework's adapter passes and expects)`;
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
    throw new ConversionError(`Plugin "${where.plugin ?? '(unknown)'}" failed while ${action} \`${where.layer}\`: ${message}`, {
      ...where,
      cause: error,
      fix: fixFor(where),
    });
  }
}
