import type * as brainstate from '@interop/brainstate';
import type * as equinox from '@interop/equinox';
import type * as linen from '@interop/linen';
import type * as nnx from '@interop/nnx';
import type { SampleInput } from '@interop/core';
import type { KeyLike } from '@interop/runtime';

/**
 * The model type of each framework the facade converts, by framework name: what
 * `interop.convert(..., { to })` returns and what `{ from }` takes. A third-party plugin adds its
 * framework by augmentation, and its name is then accepted wherever a framework is named.
 *
 * @example
 * ```ts
 * declare module '@interop/all' {
 *   interface Frameworks { toy: ToyModel }
 * }
 * const toy = interop.convert(linenPair, { from: 'linen', to: 'toy' }); // ToyModel
 * ```
 */
export interface Frameworks {
  /** A BrainState module (`brainstate.nn.Linear`, `Sequential`, a module tree). */
  brainstate: brainstate.Module;
  /** A Flax NNX module (`nnx.Linear`, `nnx.Sequential`, a module tree). */
  nnx: nnx.AnyModule;
  /** A Flax Linen module with its full variables (`{ params, batch_stats? }`). */
  linen: [module: linen.AnyModule, variables: linen.Variables];
  /** An Equinox module, or a module with its `State` when it holds one (BatchNorm). */
  equinox: equinox.Module | [module: equinox.Module, state: equinox.State];
}

/** A framework name the facade knows: `'brainstate' | 'nnx' | 'linen' | 'equinox'`, plus augmentations. */
export type FrameworkName = keyof Frameworks & string;

/** The model type of framework `F` (`ModelOf<'linen'>` is `[module, variables]`). */
export type ModelOf<F extends FrameworkName> = Frameworks[F];

/**
 * Options that building a model of a framework takes, by framework name; a framework without an
 * entry takes none beyond {@link ImportOptions}. Augmentable like {@link Frameworks}.
 *
 * @example
 * ```ts
 * declare module '@interop/all' {
 *   interface FrameworkOptions { toy: { toySeed?: number } }
 * }
 * ```
 */
export interface FrameworkOptions {
  /** `rngs` seeds the layers NNX builds (their weights are then replaced). */
  nnx: { rngs?: nnx.Rngs };
  /** `key` seeds the layers Equinox builds; `state` is an existing `State` to fill. */
  equinox: { key?: KeyLike; state?: equinox.State };
}

/** The options of building framework `F`: its {@link FrameworkOptions} entry, or nothing more. */
export type OptionsOf<F extends string> = F extends keyof FrameworkOptions ? FrameworkOptions[F] : {};

/** Options of the `from*` functions: one unbatched channels-last example, or its shape. */
export interface ImportOptions {
  /** One unbatched, channels-last example or its shape, for layers whose sizes the model does not store. */
  sampleInput?: SampleInput;
  /** Anything else is handed to the mappings as `ctx.options` (e.g. Equinox's `state`). */
  [option: string]: unknown;
}

/**
 * Options of {@link Interop.convert} from `F` to `T`: the names, the sample input, and what
 * building `T` takes (`rngs` for NNX, `key` for Equinox).
 */
export type ConvertToOptions<T extends FrameworkName = FrameworkName, F extends FrameworkName = FrameworkName> = ImportOptions &
  OptionsOf<T> & {
    /** The framework to build. */
    to: T;
    /** The model's framework; worked out from the model when left out. */
    from?: F;
  };
