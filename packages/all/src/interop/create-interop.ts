import { MissingPluginError, createRegistry } from '@interop/core';
import type { ConversionOptions, IRNode, LayerMapping, Plugin, PluginFiles, RegisterOptions, Registry, SampleInput } from '@interop/core';

/** Options of the `from*` functions: one unbatched channels-last example, or its shape. */
export interface ImportOptions {
  sampleInput?: SampleInput;
  /** Anything else is handed to the mappings as `ctx.options` (e.g. Equinox's `state`). */
  [option: string]: unknown;
}

/** Options of {@link Interop.convert}. */
export interface ConvertToOptions extends ImportOptions {
  /** The framework to build. */
  to: string;
  /** The model's framework; worked out from the model when left out. */
  from?: string;
}

/**
 * The seed's `brainstate.interop` API over a set of plugins, plus any-to-any conversion.
 * Mappings added with `registerLayerMapping` or plugins added with `use` take effect for every
 * later call, as the Python module's global registry does.
 */
export interface Interop {
  /**
   * `{ nnx, linen, equinox }`: the BrainState layer names that convert to each framework (or to
   * `framework` alone), sorted by code point as Python sorts strings.
   */
  supportedLayers(framework?: string): Record<string, string[]>;
  /** BrainState → NNX; `rngs` seeds the layers NNX builds (their weights are then replaced). */
  toNnx(model: unknown, options?: { rngs?: unknown }): unknown;
  /** NNX → BrainState. */
  fromNnx(model: unknown, options?: ImportOptions): unknown;
  /** BrainState → Linen, as `[module, variables]`. */
  toLinen(model: unknown): [unknown, unknown];
  /** Linen `module` with its full `variables` (`{ params, batch_stats? }`) → BrainState. */
  fromLinen(module: unknown, variables: unknown, options?: ImportOptions): unknown;
  /** BrainState → Equinox (a per-example module); `key` seeds the layers Equinox builds. */
  toEquinox(model: unknown, options?: { key?: unknown; [option: string]: unknown }): unknown;
  /** Equinox → BrainState. */
  fromEquinox(model: unknown, options?: ImportOptions): unknown;
  /** Any registered framework to any other, directly through the IR (NNX ↔ Equinox, ...). */
  convert(model: unknown, options: ConvertToOptions): unknown;
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
}

type Step = (registry: Registry) => Registry;

function split(options: ImportOptions = {}): { sampleInput?: SampleInput; options: ConversionOptions } {
  const { sampleInput, ...rest } = options;
  return sampleInput === undefined ? { options: rest } : { sampleInput, options: rest };
}

/**
 * An {@link Interop} over `plugins`. `@interop/all` exports one over the four framework plugins
 * as `interop`; make your own to pick plugins or keep custom mappings apart.
 *
 * @example
 * ```ts
 * import brainstate from '@interop/brainstate';
 * import nnx from '@interop/nnx';
 * const mine = createInterop([brainstate, nnx]);
 * const nnxModel = mine.toNnx(model, { rngs: new Rngs(0) });
 * ```
 */
export function createInterop(plugins: readonly Plugin[]): Interop {
  const steps: Step[] = plugins.map((plugin) => (r: Registry) => r.use(plugin));
  let current: Registry | undefined;

  const registry = (): Registry => (current ??= steps.reduce((r, step) => step(r), createRegistry()));

  // A registry freezes once it converts, so an addition builds a new one; a bad addition throws
  // here and leaves the working registry as it was.
  function add(step: Step): void {
    const next = step(steps.reduce((r, s) => s(r), createRegistry()));
    steps.push(step);
    current = next;
  }

  function convert(model: unknown, options: ConvertToOptions): unknown {
    const { to, from, ...rest } = options;
    const r = registry();
    const { sampleInput, options: mappingOptions } = split(rest);
    return r.convert(model, { from: from ?? r.frameworkOf(model), to, sampleInput, options: mappingOptions });
  }

  const interop: Interop = {
    supportedLayers(framework) {
      const r = registry();
      const targets = framework === undefined ? r.frameworks().filter((f) => f !== 'brainstate') : [framework];
      return Object.fromEntries(targets.map((to) => [to, r.convertibleLayers('brainstate', to)]));
    },
    toNnx: (model, options = {}) => convert(model, { from: 'brainstate', to: 'nnx', ...options }),
    fromNnx: (model, options = {}) => convert(model, { from: 'nnx', to: 'brainstate', ...options }),
    toLinen: (model) => convert(model, { from: 'brainstate', to: 'linen' }) as [unknown, unknown],
    fromLinen: (module, variables, options = {}) => convert([module, variables], { from: 'linen', to: 'brainstate', ...options }),
    toEquinox: (model, options = {}) => convert(model, { from: 'brainstate', to: 'equinox', ...options }),
    fromEquinox: (model, options = {}) => convert(model, { from: 'equinox', to: 'brainstate', ...options }),
    convert,
    frameworkOf: (model) => registry().frameworkOf(model),
    toIR: (model, framework, options) => registry().toIR(model, framework, split(options)),
    fromIR: (ir, framework, options) => registry().fromIR(ir, framework, split(options)),
    registerLayerMapping: (mapping, options) => add((r) => r.registerLayerMapping(mapping, options)),
    use: (plugin) => add((r) => r.use(plugin)),
    registry,
    files(framework) {
      const r = registry();
      const files = r.filesOf(framework);
      if (files) return files;
      const known = r.frameworks().filter((f) => r.filesOf(f));
      throw new MissingPluginError(`No plugin of framework "${framework}" describes its files`, {
        framework,
        expected: `one of ${known.join(', ')}`,
        fix: 'Add a plugin with a files part (createInterop([...plugins]) or interop.use(plugin))',
      });
    },
  };
  return interop;
}
