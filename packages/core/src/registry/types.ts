import type { KindTable } from '../ir/define-kind.js';
import type { IRKind, IRKinds, IRNodeBase } from '../ir/kinds.js';
import type { ForwardStep } from '../ir/module.js';
import type { FlattenOrder } from '../tensor/flatten-order.js';
import type { PluginFiles } from './files.js';
import type { Shape } from '../tensor/tensor.js';

/**
 * A constructor that identifies a framework layer type. Lookups walk its prototype chain, so a
 * subclass of a registered type converts with the base type's mapping.
 */
export type LayerType = abstract new (...args: never[]) => unknown;

/** An IR node of kind `K`: the registered shape for known kinds, a generic node otherwise. */
export type IRNode<K extends string = string> = K extends IRKind
  ? IRKinds[K]
  : IRNodeBase<K, Record<string, unknown>, string> & { layers?: unknown[] };

/**
 * Options passed through to every mapping as `ctx.options` (e.g. a random key for layers that
 * need one at construction). Plugins document theirs by augmentation:
 * `declare module '@interop/core' { interface ConversionOptions { rngs?: Rngs } }`.
 */
export interface ConversionOptions {
  [key: string]: unknown;
}

/**
 * What a mapping knows about where it is called: the framework, the direction, the layer path
 * (`layers/2`), the unbatched channels-last input shape when the engine knows it, and the
 * caller's options.
 *
 * @example
 * ```ts
 * toIR: (conv, ctx) => ({ ...readConv(conv), inputShape: ctx.requireInputShape('Conv') }),
 * ```
 */
export interface ConversionContext {
  /** Framework being read (`toIR`) or built (`fromIR`). */
  readonly framework: string;
  /** `toIR` when reading a framework layer, `fromIR` when building one. */
  readonly direction: 'toIR' | 'fromIR';
  /** Path of the layer in the model, `''` for the root. */
  readonly path: string;
  /** Unbatched channels-last input shape, when known. */
  readonly inputShape: number[] | undefined;
  /** The caller's options, shared by every layer. */
  readonly options: ConversionOptions;
  /**
   * The input shape, or a `MissingShapeError` naming `layerName` that tells the user to pass
   * `sampleInput`.
   */
  requireInputShape(layerName: string): number[];
}

/** Describes a mapping for `supportedLayers()`, docs and error messages. */
export interface MappingMeta<K extends string = string> {
  /** Framework of the layer, equal to its plugin's `meta.framework`. */
  framework: string;
  /** Layer name as the framework spells it (`Linear`, `Conv2d`). */
  layer: string;
  /** The IR kind the layer converts to and from. */
  ir: K;
  /** `experimental` marks a mapping that works but is not yet verified as thoroughly. */
  status: 'stable' | 'experimental';
  /** One sentence for docs. */
  description: string;
  /**
   * `false` keeps the mapping out of `supportedLayers()` / `convertibleLayers()`: for values that
   * are not layer classes users name (a framework's activation functions inside a stack).
   */
  listed?: boolean;
}

/**
 * How one framework layer type converts to one IR kind and back. `toIR` and `fromIR` should be
 * pure; `fromIR` may refuse one IR instance it cannot express exactly by throwing
 * `ConversionError`. `accepts` lets several mappings of one framework share a kind (the engine
 * builds with the first, in registration order, that accepts the IR).
 *
 * @example
 * ```ts
 * const linear: LayerMapping<Linear, 'linear'> = defineMapping({ meta, layerType: Linear, toIR, fromIR });
 * ```
 */
export interface LayerMapping<TNode = unknown, K extends string = string> {
  meta: MappingMeta<K>;
  /** The framework class this mapping reads; subclasses use it too. */
  layerType: LayerType;
  /** Reads a framework layer (as the adapter walks it) into IR. */
  toIR(layer: TNode, ctx: ConversionContext): IRNode<K>;
  /** Builds a framework layer (as the adapter's `buildSequential` expects it) from IR. */
  fromIR(ir: IRNode<K>, ctx: ConversionContext): TNode;
  /** Whether this mapping builds this IR instance; absent means every instance of the kind. */
  accepts?(ir: IRNode<K>): boolean;
}

/** One child of a container, with its path segment (`layers/0`, `layers_0`). */
export interface ChildEntry<TNode = unknown> {
  key: string;
  model: TNode;
}

/**
 * A module tree node as an adapter describes it: the user's class name, named children in
 * declaration order (a single node or a list), and the forward program when known (its function
 * steps already in IR; see `forwardFromSpec`).
 */
export interface ModuleParts<TNode = unknown> {
  name: string;
  children: Array<{ name: string; node: TNode } | { name: string; items: TNode[] }>;
  forward?: ForwardStep[];
}

/**
 * How the engine walks and assembles a framework's models. `TNode` is what the engine walks:
 * a layer object for most frameworks, a (module, variables) node for Flax Linen.
 *
 * @example
 * ```ts
 * const adapter: FrameworkAdapter<Module> = {
 *   layerType: (m) => m.constructor as LayerType,
 *   isSequential: (m) => m instanceof Sequential,
 *   children: (m) => (m as Sequential).layers.map((model, i) => ({ key: `layers/${i}`, model })),
 *   hasChildModules: (m) => Object.values(m).some((v) => v instanceof Module),
 *   buildSequential: (children) => new Sequential(...children),
 * };
 * ```
 */
export interface FrameworkAdapter<TNode = unknown> {
  /** The constructor used for mapping lookup, or `undefined` for values that are not layers. */
  layerType(model: TNode): LayerType | undefined;
  /** True when `model` is the framework's plain stack of layers. */
  isSequential(model: TNode): boolean;
  /** The stack's layers in forward order, each with its path segment. */
  children(model: TNode): ChildEntry<TNode>[];
  /** True when a layer that is not a stack holds other layers (a custom container). */
  hasChildModules(model: TNode): boolean;
  /** Builds the framework's stack from built layers. */
  buildSequential(children: TNode[], ctx: ConversionContext): TNode;
  /** Turns what the user passes to `toIR` into the node walked (Linen: `[module, variables]`). */
  wrap?(input: unknown, ctx: ConversionContext): TNode;
  /** Turns the built root node into what `fromIR` returns (Linen: `[module, variables]`). */
  finalize?(root: TNode, ctx: ConversionContext): unknown;
  /** A readable layer name for messages; defaults to the constructor name. */
  layerName?(model: TNode): string;
  /** The parts of a module tree (named children, forward), or `undefined` when `model` is not one. */
  moduleParts?(model: TNode): ModuleParts<TNode> | undefined;
  /** Builds a module tree from built children (declaration order) and its forward program. */
  buildModule?(parts: ModuleParts<TNode>, ctx: ConversionContext): TNode;
  /**
   * How this framework's `flatten` orders a feature map; `channels-first` (Equinox) makes the
   * engine reorder the rows of a Linear fed by a flatten. @default 'channels-last'
   */
  flattenOrder?: FlattenOrder;
  /**
   * True when `input` (as the user passes it, before `wrap`) is a model of this framework, even
   * one with no mapping; lets `Registry.frameworkOf` tell frameworks apart.
   */
  owns?(input: unknown): boolean;
}

/** Refuses to read a framework layer type, with the reason shown to the user. */
export interface LayerRefusal {
  layerType: LayerType;
  /** Name for messages; defaults to the constructor name. */
  layer?: string;
  reason: string;
}

/**
 * Refuses to build an IR kind in this plugin's framework (or, with `anyFramework`, in every
 * framework that has no mapping for it), with the reason shown to the user.
 */
export interface KindRefusal {
  ir: string;
  reason: string;
  anyFramework?: boolean;
}

/** An "unsupported, because ..." entry of a plugin. */
export type Refusal = LayerRefusal | KindRefusal;

/**
 * Output shape of a plugin-defined kind; `undefined` when it cannot be known. The form of the
 * deprecated `Plugin.shapes`; a kind definition's `outputShape` replaces it.
 */
export type ShapeFunction = (ir: IRNode, inputShape: Shape | undefined) => number[] | undefined;

/** Names a plugin: `name` is its npm name and prefixes every message about it. */
export interface PluginMeta {
  name: string;
  version: string;
  framework: string;
  /**
   * The framework as prose names it (`'NNX'`, `'Linen'`, `'BrainState'`), for messages such as
   * "toEquinox takes a BrainState model, not an NNX model"; `framework` when left out.
   */
  title?: string;
}

/**
 * A framework plugin: a plain value handed to `registry.use()`. Build it with `definePlugin`.
 *
 * @example
 * ```ts
 * const plugin: Plugin = definePlugin({ meta, adapter, mappings: { Linear: linear } });
 * ```
 */
export interface Plugin {
  meta: PluginMeta;
  /** How to walk the framework's models; optional for add-on plugins that only add mappings. */
  adapter?: FrameworkAdapter;
  /** Sorted `{ LayerName: mapping }`, the one list of what the plugin supports. */
  mappings: Readonly<Record<string, LayerMapping>>;
  refusals?: readonly Refusal[];
  /**
   * The IR kinds this plugin defines, `{ kind: defineKind(...) }`: their params and tensors are
   * validated, shapes flow through them, and the runtime runs them (`registry.kinds()`). Two
   * plugins may register the same definition value (one per framework); a different definition
   * of a registered kind, or of a built-in one, is refused.
   */
  kinds?: KindTable;
  /**
   * Shape rules for IR kinds this plugin uses without defining them.
   *
   * @deprecated Define the kind with `defineKind` (its `outputShape`) and register it in `kinds`.
   */
  shapes?: Readonly<Record<string, ShapeFunction>>;
  /** The framework's files: its formats, specs and forward pass, for the `interop` CLI. */
  files?: PluginFiles;
}
