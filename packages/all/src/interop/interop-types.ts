import type { IRNode, LayerMapping, Plugin, PluginFiles, RegisterOptions, Registry } from '@interop/core';
import type { ConvertToOptions, FrameworkName, FrameworkOptions, ImportOptions, ModelOf } from './frameworks.js';
import type { LoadOptions, LoadSource, LoadedFile, SaveOptions, SaveTarget, SavedFile } from './file-types.js';

/**
 * The seed's `brainstate.interop` API over a set of plugins, plus any-to-any conversion and
 * files. Results are typed by the framework names ({@link Frameworks}). Mappings added with
 * `registerLayerMapping` or plugins added with `use` take effect for every later call, as the
 * Python module's global registry does.
 */
export interface Interop {
  /**
   * `{ nnx, linen, equinox }`: the BrainState layer names that convert to each framework (or to
   * `framework` alone), sorted by code point as Python sorts strings.
   */
  supportedLayers(framework?: string): Record<string, string[]>;
  /** BrainState → NNX; `rngs` seeds the layers NNX builds (their weights are then replaced). */
  toNnx(model: ModelOf<'brainstate'>, options?: FrameworkOptions['nnx']): ModelOf<'nnx'>;
  /** NNX → BrainState. */
  fromNnx(model: ModelOf<'nnx'>, options?: ImportOptions): ModelOf<'brainstate'>;
  /** BrainState → Linen, as `[module, variables]`. */
  toLinen(model: ModelOf<'brainstate'>): ModelOf<'linen'>;
  /** Linen `module` with its full `variables` (`{ params, batch_stats? }`) → BrainState. */
  fromLinen(module: ModelOf<'linen'>[0], variables: ModelOf<'linen'>[1], options?: ImportOptions): ModelOf<'brainstate'>;
  /** BrainState → Equinox (a per-example module); `key` seeds the layers Equinox builds. */
  toEquinox(model: ModelOf<'brainstate'>, options?: FrameworkOptions['equinox'] & ImportOptions): ModelOf<'equinox'>;
  /** Equinox → BrainState. */
  fromEquinox(model: ModelOf<'equinox'>, options?: ImportOptions): ModelOf<'brainstate'>;
  /**
   * Any registered framework to any other, directly through the IR (NNX ↔ Equinox, ...). With
   * `from` the model must be of that framework; without it, the framework is worked out from the
   * model at run time. A name no plugin registers is an `E_MISSING_PLUGIN` with "did you mean".
   */
  convert<T extends FrameworkName, F extends FrameworkName>(model: ModelOf<F>, options: ConvertToOptions<T, F> & { from: F }): ModelOf<T>;
  /** {@link Interop.convert} without `from`: any model, its framework worked out at run time; the result typed by `to`. */
  convert<T extends FrameworkName>(model: unknown, options: ConvertToOptions<T> & { from?: undefined }): ModelOf<T>;
  /** The framework a model belongs to. */
  frameworkOf(model: unknown): string;
  /** A model as IR (the common form every conversion goes through). */
  toIR(model: unknown, framework: string, options?: ImportOptions): IRNode;
  /** A model of `framework` built from IR. */
  fromIR(ir: IRNode, framework: string, options?: ImportOptions): unknown;
  /** Teaches every later conversion a custom layer (the seed's `register_layer_mapping`). */
  registerLayerMapping<TNode, K extends string>(mapping: LayerMapping<TNode, K>, options?: RegisterOptions): void;
  /** Adds a third-party plugin to every later conversion. */
  use(plugin: Plugin): void;
  /** The registry the next conversion uses (frozen once it has converted). */
  registry(): Registry;
  /**
   * A framework's files, as its plugin describes them (what the CLI reads, writes and runs):
   * `files('linen').read(bytes, 'msgpack', spec)`, `.write(model, 'safetensors')`, `.forward(model, x)`.
   */
  files(framework: string): PluginFiles;
  /**
   * Reads a model file of `framework`: a path (Node), bytes or a `Blob`. The spec comes from
   * `spec`, else `PATH.arch.json` beside a path, else is inferred from the file (and `assumed`
   * lists what inference had to assume).
   */
  load<F extends FrameworkName>(source: LoadSource, options: LoadOptions<F>): Promise<LoadedFile<F>>;
  /**
   * Writes a model as a file of `framework` (its first format unless `format` says): to a path in
   * Node (and its spec as `PATH.arch.json`), or returned as bytes when `target` is left out.
   */
  save<F extends FrameworkName>(model: ModelOf<F>, target: SaveTarget, options: SaveOptions<F>): Promise<SavedFile>;
}
