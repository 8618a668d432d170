import type { InteropErrorDetails } from './interop-error.js';
import { InteropError } from './interop-error.js';

/**
 * No mapping is registered for a layer type (`E_UNMAPPED_LAYER`). The seed's `UnmappedLayerError`.
 *
 * @example
 * ```ts
 * throw new UnmappedLayerError('No mapping is registered for layer type `Scale` (framework: nnx)', {
 *   fix: 'Register one with registerLayerMapping(...), or remove the layer',
 * });
 * ```
 */
export class UnmappedLayerError extends InteropError {
  constructor(what: string, details?: InteropErrorDetails) {
    super('E_UNMAPPED_LAYER', what, details);
  }
}

/** A layer type is registered as unsupported, with its reason (`E_UNSUPPORTED_LAYER`). */
export class UnsupportedLayerError extends InteropError {
  constructor(what: string, details?: InteropErrorDetails) {
    super('E_UNSUPPORTED_LAYER', what, details);
  }
}

/** An empty stack or a container with custom forward logic (`E_UNSUPPORTED_STRUCTURE`). */
export class UnsupportedStructureError extends InteropError {
  constructor(what: string, details?: InteropErrorDetails) {
    super('E_UNSUPPORTED_STRUCTURE', what, details);
  }
}

/** A layer needs the input shape and no `sampleInput` was given (`E_MISSING_SHAPE`). */
export class MissingShapeError extends InteropError {
  constructor(what: string, details?: InteropErrorDetails) {
    super('E_MISSING_SHAPE', what, details);
  }
}

/** A layer's values cannot be expressed exactly in the target framework (`E_CONVERSION`). */
export class ConversionError extends InteropError {
  constructor(what: string, details?: InteropErrorDetails) {
    super('E_CONVERSION', what, details);
  }
}

/**
 * A framework's plugin is not registered (`E_MISSING_PLUGIN`). Takes the place of the Python
 * anchor's `MissingDependencyError`, which is kept as an alias.
 */
export class MissingPluginError extends InteropError {
  constructor(what: string, details?: InteropErrorDetails) {
    super('E_MISSING_PLUGIN', what, details);
  }
}

/** Alias of {@link MissingPluginError} under the Python anchor's name. */
export const MissingDependencyError = MissingPluginError;
/** Alias type of {@link MissingPluginError}. */
export type MissingDependencyError = MissingPluginError;
