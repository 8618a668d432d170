import type { FloatDType } from '@interop/runtime';
import type { SpecFields } from './fields.js';
import type { ModuleSpec } from './values.js';

/** What a spec entry's `read` gets besides the spec: the plugin's context and the spec's dtypes. */
export type SpecContext<TContext> = TContext & {
  /** `dtype` and `param_dtype` of the spec, read and defaulted (null, float32). */
  dtypes: { dtype: FloatDType | null; paramDtype: FloatDType };
};

/**
 * One layer class in a plugin's spec table: the spec types it reads with their arguments, and
 * how it reads, writes and (where stored arrays determine it) infers the module. Adding a layer
 * to a Flax plugin is its module, its mapping with this entry beside it, a line in the mapping
 * index, a test and a README row.
 *
 * @example
 * ```ts
 * export const denseSpec: LinenLayerSpec<Dense> = {
 *   layerType: Dense,
 *   types: { Dense: ['features', 'use_bias', 'dtype', 'param_dtype'] },
 *   read: (spec, { dtypes }) => new Dense(need(spec, 'features'), { ...dtypes, useBias: bool(spec, 'use_bias') }),
 *   write: (m) => ({ type: 'Dense', features: m.features, use_bias: m.useBias }),
 * };
 * ```
 */
export interface LayerSpec<TModule, TContext = object, TArrays = never> {
  /** The class whose modules this entry writes. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each class has its own Python-style signature
  readonly layerType: abstract new (
    ...args: any[]
  ) => TModule;
  /**
   * Each spec `type` this entry reads (Python's class or function name) with the arguments it
   * models, snake_case; `dtype`/`param_dtype` among them mark a layer that has dtypes.
   */
  readonly types: Readonly<Record<string, readonly string[]>>;
  /**
   * Every argument named in {@link LayerSpec.types}, with its JSON type and Python's default (or
   * an example value where it is required): what the spec reference `docs/specs/` shows.
   */
  readonly fields?: SpecFields;
  /** True for an argument Flax has but this package does not model, at the value it accepts (a dumped module's attributes). */
  unmodelled?(spec: ModuleSpec, arg: string, value: unknown): boolean;
  /** Builds the module from a spec whose arguments were checked. */
  read(spec: ModuleSpec, context: SpecContext<TContext>): TModule;
  /** The module's spec, without the dtypes (the plugin adds them in its own style). */
  write(module: TModule): ModuleSpec;
  /**
   * The module its stored arrays determine, or undefined when they are not this layer's; each
   * default it had to take is passed to `assume` (the path is added). `at` is the path, for
   * messages (`(root)` at the top).
   */
  infer?(arrays: TArrays, assume: (what: string) => void, at: string): TModule | undefined;
}

/**
 * A plugin's spec table: one {@link LayerSpec} per layer class, by the class name that keys its
 * mapping; tried in this order when inferring.
 */
export type SpecTable<TModule, TContext = object, TArrays = never> = Readonly<Record<string, LayerSpec<TModule, TContext, TArrays>>>;

/**
 * `unmodelled` for arguments accepted at one value each (`{ reduction_axes: -1 }`).
 *
 * @example
 * ```ts
 * const layerNormSpec = { ...entry, unmodelled: atValues({ reduction_axes: -1 }) };
 * ```
 */
export function atValues(values: Readonly<Record<string, unknown>>): (spec: ModuleSpec, arg: string, value: unknown) => boolean {
  return (_, arg, value) => Object.hasOwn(values, arg) && JSON.stringify(value) === JSON.stringify(values[arg]);
}
