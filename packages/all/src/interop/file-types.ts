import type { FrameworkName, ModelOf } from './frameworks.js';

/**
 * What {@link Interop.load} reads: a path or `file:` URL (Node; a checkpoint directory such as
 * Orbax's too), the file's bytes, or a `Blob` (a browser `File`).
 */
export type LoadSource = string | URL | Uint8Array | ArrayBuffer | Blob;

/** Options of {@link Interop.load}. */
export interface LoadOptions<F extends FrameworkName = FrameworkName> {
  /** The file's framework. */
  framework: F;
  /** One of the framework's formats (`msgpack`, `safetensors`, `eqx`, `orbax`, ...); detected when left out. */
  format?: string;
  /** The step of an Orbax `CheckpointManager` directory. @default the latest */
  step?: number;
  /** The item of an Orbax step (`state`, `default`, ...). @default `state`, `default` or the only one */
  item?: string;
  /** The architecture spec; else `PATH.arch.json` beside a path source, else inferred from the file. */
  spec?: unknown;
  /** One unbatched channels-last example shape, where sizes are not stored in the file. */
  sampleInput?: number[];
}

/** A model read by {@link Interop.load}. */
export interface LoadedFile<F extends FrameworkName = FrameworkName> {
  /** The model, as conversions take it (Linen: `[module, variables]`). */
  model: ModelOf<F>;
  /** The architecture as a spec (`{ "type": "Dense", "features": 8 }`). */
  spec: unknown;
  /** What an inferred architecture had to assume, one line each; empty when the spec was given. */
  assumed: string[];
  /** The framework read. */
  framework: F;
  /** The format read. */
  format: string;
}

/** Where {@link Interop.save} writes: a path or `file:` URL (Node), or `null` for the bytes alone. */
export type SaveTarget = string | URL | null;

/** Options of {@link Interop.save}. */
export interface SaveOptions<F extends FrameworkName = FrameworkName> {
  /** The model's framework. */
  framework: F;
  /**
   * One of the framework's formats (`orbax` writes a checkpoint directory at the path); else the
   * one a path's ending names (`.safetensors`), else the framework's first.
   */
  format?: string;
}

/** A model written by {@link Interop.save}. */
export interface SavedFile {
  /** The file's bytes (empty for a directory format such as `orbax`, written at `path` only). */
  bytes: Uint8Array;
  /** The model's architecture spec (written beside a path as `PATH.arch.json`). */
  spec: unknown;
  /** The format written. */
  format: string;
  /** The path written, when `target` was one. */
  path?: string;
  /** The spec's path (`PATH.arch.json`), when `target` was a path. */
  archPath?: string;
  /** The bytes as a `Blob`, for a download or `fetch` body. */
  blob(): Blob;
}
