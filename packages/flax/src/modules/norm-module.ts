import type { FlaxModule } from '../module.js';
import type { FlaxNormOptions, NormFields } from '../norm.js';

/**
 * The parameters of Flax's `LayerNorm`, `GroupNorm` and `BatchNorm` from `epsilon` to
 * `use_scale`, which Linen's dataclasses and NNX's `__init__`s list in the same order (camelCase).
 */
export const NORM_SHARED_PARAMS: readonly string[] = ['epsilon', 'dtype', 'paramDtype', 'useBias', 'useScale'];

/** The norm parameters both plugins model: {@link NORM_SHARED_PARAMS} and `useFastVariance`. */
export const NORM_SHARED_MODELLED: readonly string[] = [...NORM_SHARED_PARAMS, 'useFastVariance'];

/** What {@link normModule} adds to its framework's `Module`: the fields of Flax's affine norms. */
export interface NormMembers extends NormFields {
  /** Whether the norm has a `bias`. */
  readonly useBias: boolean;
  /** Whether the norm has a `scale`. */
  readonly useScale: boolean;
}

/** The class {@link normModule} returns: a framework's `Module` with an affine norm's fields. */
export type NormModuleClass<M extends FlaxModule> = abstract new () => M & NormMembers;

/**
 * A framework's `Module` with the fields Flax's affine norms (`LayerNorm`, `GroupNorm`,
 * `BatchNorm`) take the same way in Linen and in NNX; each plugin's norm extends it and calls
 * {@link setNormFields} from its constructor.
 *
 * @example
 * ```ts
 * export class LayerNorm extends normModule(Module) {
 *   constructor(options: LayerNormOptions) {
 *     super();
 *     setNormFields(this, options, 1e-6);
 *   }
 * }
 * ```
 */
export function normModule<M extends FlaxModule>(Base: abstract new () => M): NormModuleClass<M> {
  abstract class NormModule extends (Base as abstract new () => FlaxModule) {
    // Declared, not defined: the subclass's constructor sets them with setNormFields.
    declare readonly epsilon: number;
    declare readonly useBias: boolean;
    declare readonly useScale: boolean;
    declare readonly useFastVariance: boolean;
  }
  return NormModule as unknown as NormModuleClass<M>;
}

/**
 * Sets a {@link normModule}'s fields from the keyword arguments, with Flax's defaults (a scale,
 * a bias, the fast variance) and the norm's own default `epsilon` (`1e-6` for `LayerNorm` and
 * `GroupNorm`, `1e-5` for `BatchNorm`).
 *
 * @example
 * ```ts
 * setNormFields(this, { useBias: false }, 1e-5); // this.epsilon: 1e-5, this.useBias: false
 * ```
 */
export function setNormFields(norm: NormMembers, options: FlaxNormOptions & { epsilon?: number }, epsilon: number): void {
  const fields: NormMembers = {
    epsilon: options.epsilon ?? epsilon,
    useBias: options.useBias ?? true,
    useScale: options.useScale ?? true,
    useFastVariance: options.useFastVariance ?? true,
  };
  Object.assign(norm, fields);
}
