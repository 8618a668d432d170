import type { Tensor } from '@interop/core';

/** A checkpoint format a framework reads and writes natively. */
export type NativeFormat = 'msgpack' | 'safetensors' | 'eqx';

/** A model read from a native file, in the form its plugin converts. */
export interface LoadedModel {
  /** What the plugin's conversions take (Linen: `[module, variables]`). */
  model: unknown;
  /** The architecture as a spec (`{ "type": "Dense", "features": 8 }`). */
  spec: unknown;
  /** Defaults an inferred architecture had to assume; empty when `--arch` gave it. */
  assumed: string[];
}

/**
 * What the CLI needs of a framework: its native files, its architecture specs and a batched
 * forward pass. One per framework, in `files/<framework>.ts`.
 */
export interface FrameworkFiles {
  framework: string;
  /** Formats it reads and writes; the first is what `convert` writes by default. */
  formats: readonly NativeFormat[];
  /**
   * Builds the model from a file's bytes and a spec, or infers the spec when the file allows
   * (`sampleInput`, one unbatched channels-last example shape, helps where sizes are not stored).
   */
  read(bytes: Uint8Array, format: NativeFormat, spec: unknown, hints?: { sampleInput?: number[] | undefined }): LoadedModel;
  /** The model a spec describes, with the framework's default initial weights. */
  fromSpec(spec: unknown): unknown;
  /** The model's native file and its spec. */
  write(model: unknown, format: NativeFormat): { bytes: Uint8Array; spec: unknown };
  /** Runs the model in inference mode on a batched, channels-last input. */
  forward(model: unknown, x: Tensor): Tensor;
}
