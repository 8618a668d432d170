import type { ConvPadding, PaddingMode } from '@interop/core';
import { convPadding, perAxis } from '../conv.js';
import type { ConvFields, FlaxPadding } from '../conv.js';
import type { FlaxModule } from '../module.js';

/**
 * The parameters of a Flax `Conv` from `kernel_size` to `bias_init`, which Linen's dataclass and
 * NNX's `__init__` list in the same order (camelCase); each plugin adds its own before and after.
 */
export const CONV_SHARED_PARAMS: readonly string[] = [
  'kernelSize',
  'strides',
  'padding',
  'inputDilation',
  'kernelDilation',
  'featureGroupCount',
  'useBias',
  'mask',
  'dtype',
  'paramDtype',
  'precision',
  'kernelInit',
  'biasInit',
];

/** Those of {@link CONV_SHARED_PARAMS} that both plugins model: all but the mask, precision and initializers. */
export const CONV_SHARED_MODELLED: readonly string[] = CONV_SHARED_PARAMS.filter(
  (name) => !['mask', 'precision', 'kernelInit', 'biasInit'].includes(name),
);

/** The keyword arguments of a Flax `Conv` that Linen and NNX read alike. */
export interface ConvFieldOptions {
  /** @default 1 */
  strides?: number | number[] | null;
  /** @default 'SAME' */
  padding?: FlaxPadding;
  /** @default 1 */
  inputDilation?: number | number[] | null;
  /** @default 1 */
  kernelDilation?: number | number[] | null;
  /** @default 1 */
  featureGroupCount?: number;
  /** @default true */
  useBias?: boolean;
}

/** What {@link convModule} adds to its framework's `Module`: a Flax `Conv`'s fields and its IR padding. */
export interface ConvMembers extends ConvFields {
  /** Whether the conv has a bias. */
  readonly useBias: boolean;
  /** The IR's padding and mode for Flax's `padding` (CIRCULAR/REFLECT pad `((k-1)//2, k//2)` of the dilated kernel, then VALID). */
  irPadding(): { padding: ConvPadding; paddingMode: PaddingMode };
}

/** The class {@link convModule} returns: a framework's `Module` with a Flax `Conv`'s fields. */
export type ConvModuleClass<M extends FlaxModule> = abstract new () => M & ConvMembers;

/**
 * A framework's `Module` with the fields a Flax `Conv` takes the same way in Linen and in NNX;
 * each plugin's `Conv` extends it and calls {@link setConvFields} from its constructor.
 *
 * @example
 * ```ts
 * export class Conv extends convModule(Module) {
 *   constructor(kernelSize: number[], options: ConvOptions) {
 *     super();
 *     setConvFields(this, kernelSize, options);
 *   }
 * }
 * ```
 */
export function convModule<M extends FlaxModule>(Base: abstract new () => M): ConvModuleClass<M> {
  abstract class ConvModule extends (Base as abstract new () => FlaxModule) {
    // Declared, not defined: the subclass's constructor sets them with setConvFields.
    declare readonly kernelSize: number[];
    declare readonly strides: number[];
    declare readonly padding: FlaxPadding;
    declare readonly inputDilation: number[];
    declare readonly kernelDilation: number[];
    declare readonly featureGroupCount: number;
    declare readonly useBias: boolean;

    irPadding(): { padding: ConvPadding; paddingMode: PaddingMode } {
      return convPadding(this.padding, this.kernelSize, this.kernelDilation);
    }
  }
  return ConvModule as unknown as ConvModuleClass<M>;
}

/**
 * Sets a {@link convModule}'s fields from the kernel size and the keyword arguments, with Flax's
 * defaults (1 per axis, SAME padding, one group, a bias).
 *
 * @throws {InteropError} E_INVALID_ARGUMENT for a per-axis argument of another length than the kernel size.
 * @example
 * ```ts
 * setConvFields(this, [3, 3], { strides: 2 }); // this.strides: [2, 2]
 * ```
 */
export function setConvFields(conv: ConvMembers, kernelSize: readonly number[], options: ConvFieldOptions): void {
  const n = kernelSize.length;
  const fields: Omit<ConvMembers, 'irPadding'> = {
    kernelSize: [...kernelSize],
    strides: perAxis(options.strides, n, 'strides'),
    padding: options.padding ?? 'SAME',
    inputDilation: perAxis(options.inputDilation, n, 'inputDilation'),
    kernelDilation: perAxis(options.kernelDilation, n, 'kernelDilation'),
    featureGroupCount: options.featureGroupCount ?? 1,
    useBias: options.useBias ?? true,
  };
  Object.assign(conv, fields);
}
