import type { KindTable } from '../ir/define-kind.js';
import type { Shape } from '../tensor/tensor.js';
import type { FormatCodec, PluginFiles } from './files.js';
import type { ConversionOptions, IRNode, LayerMapping, LayerType, Plugin } from './types.js';

/** One unbatched example, or its shape, in channels-last order (`[8, 8, 3]` for H, W, C). */
export type SampleInput = Shape | { readonly shape: Shape };

/** Options of `Registry.toIR`. */
export interface ToIROptions {
  /** One unbatched channels-last example or its shape; flows through the stack. */
  sampleInput?: SampleInput | undefined;
  /** Passed to every mapping as `ctx.options`. */
  options?: ConversionOptions | undefined;
}

/** Options of `Registry.fromIR`. */
export interface FromIROptions {
  /** Input shape for IR that does not record its own `inputShape`. */
  sampleInput?: SampleInput | undefined;
  /** Passed to every mapping as `ctx.options` (e.g. a random key). */
  options?: ConversionOptions | undefined;
}

/** Options of `Registry.convert`. */
export interface ConvertOptions extends ToIROptions {
  /** Framework of the given model. */
  from: string;
  /** Framework to build. */
  to: string;
}

/** Options of `Registry.use`. */
export interface UseOptions {
  /** Let this plugin's mappings replace ones already registered for the same layer types. */
  override?: boolean;
}

/** Options of `Registry.registerLayerMapping`. */
export interface RegisterOptions {
  /** Replace a mapping already registered for the same layer type. */
  override?: boolean;
  /** Name shown in messages for this mapping's origin; defaults to `(registerLayerMapping)`. */
  plugin?: string;
}

/**
 * A set of plugins and mappings, and the conversions they allow. Made by `createRegistry()`.
 *
 * @example
 * ```ts
 * const registry: Registry = createRegistry().use(nnx).use(linen);
 * registry.supportedLayers('nnx'); // { nnx: ['BatchNorm', 'Conv', ...] }
 * ```
 */
export interface Registry {
  /** True once a conversion or listing has run; `use()` then throws `E_REGISTRY_FROZEN`. */
  readonly frozen: boolean;
  /** Adds a plugin; `null`, `false` and `undefined` are ignored so `use(flag && plugin)` works. */
  use(plugin: Plugin | null | false | undefined, options?: UseOptions): Registry;
  /** Adds one mapping outside any plugin (the seed's `registerLayerMapping`). */
  registerLayerMapping<TNode, K extends string>(mapping: LayerMapping<TNode, K>, options?: RegisterOptions): Registry;
  /**
   * The IR kinds its plugins define, by name (sorted by code point; built-in kinds are not
   * listed, every consumer knows them). Pass them on where plugin kinds must be understood:
   * `irFromJSON(json, { kinds })`, `inferOutputShape(ir, shape, { kinds })`, and the runtime's
   * `runIR(ir, x, { kinds })` / `verify(a, b, x, { kinds })`. Freezes the registry.
   */
  kinds(): KindTable;
  /** Frameworks with a plugin or a mapping, in the order they were added. */
  frameworks(): string[];
  /** The framework as messages name it: the first of its plugins' `meta.title`s, else `framework`. */
  titleOf(framework: string): string;
  /** The files part of a framework's plugin (formats, specs, forward), if one brings it. */
  filesOf(framework: string): PluginFiles | undefined;
  /** The format codecs the plugins' files parts bring, each once, in registration order. */
  formats(): FormatCodec[];
  /** The mapping that reads a layer type (or its nearest registered base class). */
  mappingFor(framework: string, layerType: LayerType): LayerMapping | undefined;
  /** The mappings of a framework that build an IR kind, in the order they are tried. */
  mappingsForKind(framework: string, kind: string): LayerMapping[];
  /** The reason a framework layer type (or a base class) is refused, if it is. */
  refusalFor(framework: string, layerType: LayerType): string | undefined;
  /**
   * The reason building an IR kind is refused: the framework's own refusal wins over an
   * any-framework one; without `framework`, only any-framework refusals count.
   */
  kindRefusalFor(kind: string, framework?: string): string | undefined;
  /**
   * `{ framework: layer names }`, sorted by code point, from registered mappings only. Asking
   * about one framework needs only that framework. Freezes the registry.
   */
  supportedLayers(framework?: string): Record<string, string[]>;
  /**
   * Layer names of framework `from` whose IR kind some mapping of framework `to` builds, sorted.
   * Freezes the registry.
   */
  convertibleLayers(from: string, to: string): string[];
  /**
   * The framework a model belongs to: the one whose adapter `owns` it or, for adapters without
   * `owns`, reads it as a stack or a mapped or refused layer. `E_INVALID_ARGUMENT` when no
   * framework or more than one claims it.
   */
  frameworkOf(model: unknown): string;
  /** Reads a framework model (a layer or a stack) into IR. Freezes the registry. */
  toIR(model: unknown, framework: string, options?: ToIROptions): IRNode;
  /** Builds a framework model from IR. Freezes the registry. */
  fromIR(ir: IRNode, framework: string, options?: FromIROptions): unknown;
  /** `fromIR(toIR(model, from), to)`. Freezes the registry. */
  convert(model: unknown, options: ConvertOptions): unknown;
}
