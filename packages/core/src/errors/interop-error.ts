import type { InteropErrorCode } from './codes.js';

/** Structured facts attached to an {@link InteropError}. All fields are optional. */
export interface InteropErrorDetails {
  /** Path of the layer in the model (`layers/2`) or of the entry in a file tree. */
  path?: string;
  /** Byte offset in a file where the problem was found. */
  offset?: number;
  /** What was expected, in words or as a value. */
  expected?: unknown;
  /** What was found instead. */
  found?: unknown;
  /** What the user can do about it. */
  fix?: string;
  /** Name of the plugin that raised or wrapped the error. */
  plugin?: string;
  /** Layer type the error concerns. */
  layer?: string;
  /** Framework the error concerns. */
  framework?: string;
  /** The error that caused this one. */
  cause?: unknown;
  /** Anything else worth keeping for callers. */
  [key: string]: unknown;
}

const DOCS = 'docs/errors.md';

function show(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  } catch {
    return String(value);
  }
}

/**
 * Composes the message of an {@link InteropError}: what failed, where, expected/found, the fix and
 * the docs anchor, in that order.
 */
export function formatInteropMessage(code: InteropErrorCode, what: string, details: InteropErrorDetails = {}): string {
  const parts: string[] = [];
  const where: string[] = [];
  if (details.plugin) where.push(`plugin "${details.plugin}"`);
  if (details.path !== undefined && details.path !== '') where.push(`at ${details.path}`);
  if (details.offset !== undefined) where.push(`byte offset ${details.offset}`);
  parts.push(where.length > 0 ? `${what} (${where.join(', ')}).` : `${what}.`);
  if (details.expected !== undefined || details.found !== undefined) {
    const e = details.expected !== undefined ? `expected ${show(details.expected)}` : '';
    const f = details.found !== undefined ? `found ${show(details.found)}` : '';
    parts.push(`${[e, f].filter(Boolean).join(', ')}.`.replace(/^./, (c) => c.toUpperCase()));
  }
  if (details.fix) parts.push(details.fix.endsWith('.') ? details.fix : `${details.fix}.`);
  parts.push(`See ${DOCS}#${code.toLowerCase()}`);
  return parts.join(' ');
}

/**
 * The one error class of interop. Every failure a user can cause is an `InteropError` with a
 * literal {@link InteropErrorCode}, a message that says what to do, and structured `details`.
 *
 * @example
 * ```ts
 * try { convert(model, { to: 'nnx' }); }
 * catch (e) { if (e instanceof InteropError && e.code === 'E_MISSING_SHAPE') retryWithShape(); }
 * ```
 */
export class InteropError extends Error {
  /** The literal code; stable across releases. */
  readonly code: InteropErrorCode;
  /** Structured facts (path, offset, expected, found, fix, ...). */
  readonly details: InteropErrorDetails;
  /** The short statement of what failed, without location or fix. */
  readonly summary: string;

  constructor(code: InteropErrorCode, what: string, details: InteropErrorDetails = {}) {
    super(formatInteropMessage(code, what, details), details.cause !== undefined ? { cause: details.cause } : undefined);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
    this.summary = what;
  }

  /** The layer or tree path the error concerns, if known. */
  get path(): string | undefined {
    return this.details.path;
  }

  /**
   * Returns a copy of this error located at `path` (prefixed to any path it already had), as the
   * engine does when an error surfaces from a nested layer.
   */
  at(path: string): InteropError {
    const inner = this.details.path;
    const joined = inner ? `${path}/${inner}` : path;
    // Reflect.construct keeps the subclass prototype (and so `instanceof UnmappedLayerError`)
    // while passing the base signature, which every subclass shares after its code.
    return Reflect.construct(InteropError, [this.code, this.summary, { ...this.details, path: joined }], this.constructor) as InteropError;
  }
}

/** True when `value` is an {@link InteropError}, optionally with the given code. */
export function isInteropError(value: unknown, code?: InteropErrorCode): value is InteropError {
  return value instanceof InteropError && (code === undefined || value.code === code);
}
