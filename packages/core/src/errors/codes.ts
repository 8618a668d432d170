/**
 * Every error code `InteropError` can carry. Third-party plugins add codes by augmenting
 * {@link InteropErrorCodes} (`declare module '@interop/core' { interface InteropErrorCodes { E_MY_CODE: true } }`).
 *
 * Each code has a section in `docs/errors.md`.
 */
export interface InteropErrorCodes {
  /** No mapping is registered for a layer type. */
  E_UNMAPPED_LAYER: true;
  /** A layer is registered as unsupported, with a reason. */
  E_UNSUPPORTED_LAYER: true;
  /** A container that is not a plain stack, or an empty stack. */
  E_UNSUPPORTED_STRUCTURE: true;
  /** A layer needs the input shape and none was given. */
  E_MISSING_SHAPE: true;
  /** A layer's values cannot be expressed exactly in the target. */
  E_CONVERSION: true;
  /** A framework was asked for but its plugin is not registered. */
  E_MISSING_PLUGIN: true;
  /** Two plugins or mappings claim the same layer type. */
  E_DUPLICATE_MAPPING: true;
  /** `use()` or a registration after the registry was frozen. */
  E_REGISTRY_FROZEN: true;
  /** A plugin or mapping object is malformed. */
  E_INVALID_PLUGIN: true;
  /** An argument has the wrong value or type. */
  E_INVALID_ARGUMENT: true;
  /** A tensor's shape is not what was expected. */
  E_SHAPE_MISMATCH: true;
  /** A dtype is unknown or not allowed here. */
  E_DTYPE: true;
  /** A layer IR is malformed or of an unknown kind. */
  E_INVALID_IR: true;
  /** A model spec (architecture JSON) is malformed. */
  E_INVALID_SPEC: true;
  /** An architecture is needed and none was given or inferable. */
  E_MISSING_ARCH: true;
  /** Two models' outputs differ beyond tolerance. */
  E_TOLERANCE_EXCEEDED: true;
  /** A value is NaN where NaN is not accepted. */
  E_NAN: true;
  /** A compute backend failed or is unavailable. */
  E_BACKEND: true;
  /** A file ends before its structure does. */
  E_FORMAT_TRUNCATED: true;
  /** A file does not start with the expected magic bytes or header. */
  E_FORMAT_MAGIC: true;
  /** A file's structure is invalid. */
  E_FORMAT_CORRUPT: true;
  /** A size in a file exceeds a configured limit or overflows. */
  E_FORMAT_LIMIT: true;
  /** A file holds a dtype we do not read (unknown, big-endian, object). */
  E_FORMAT_DTYPE: true;
  /** A map in a file repeats a key. */
  E_FORMAT_DUPLICATE_KEY: true;
  /** A key that would be unsafe as an object property (`__proto__`, ...). */
  E_FORMAT_UNSAFE_KEY: true;
  /** Nesting deeper than the configured limit. */
  E_FORMAT_DEPTH: true;
  /** A file's leaves do not match the expected tree (count, shape, dtype). */
  E_FORMAT_MISMATCH: true;
  /** Reading or writing a file failed at the OS level. */
  E_IO: true;
  /** Writing would overwrite an input file. */
  E_OUTPUT_IS_INPUT: true;
}

/** A literal error code, e.g. `'E_UNMAPPED_LAYER'`. */
export type InteropErrorCode = keyof InteropErrorCodes;
