import { InteropError, transpose } from '@interop/core';
import type { ConvIR, ConvPadding, DType, PaddingMode, Tensor } from '@interop/core';
import { parseArgs } from '../args.js';
import type { Args } from '../args.js';
import { promote } from '../dtypes.js';
import { Layer } from '../module.js';
import type { TreeField } from '../module.js';
import { ntuple, requireKey } from './common.js';
import type { CallOptions, DtypeOption, KeyOption } from './common.js';
import { convInit } from './default-init.js';

/** Equinox's `padding`: an int, one int or `[low, high]` pair per axis, or a mode name. */
export type EqxPadding = number | string | ReadonlyArray<number | readonly [number, number]>;

/** `padding_mode`: how padded positions are filled. */
export type EqxPaddingMode = 'ZEROS' | 'REFLECT' | 'REPLICATE' | 'CIRCULAR';

/** Keyword arguments of {@link Conv}. */
export interface ConvOptions extends KeyOption, DtypeOption {
  /** @default 1 */
  stride?: number | readonly number[];
  /** @default 0 */
  padding?: EqxPadding;
  /** @default 1 */
  dilation?: number | readonly number[];
  /** @default 1 */
  groups?: number;
  /** @default true */
  useBias?: boolean;
  /** @default 'ZEROS' */
  paddingMode?: string;
}

type ConvRest = Args<
  [
    stride: number | readonly number[],
    padding: EqxPadding,
    dilation: number | readonly number[],
    groups: number,
    useBias: boolean,
    paddingMode: string,
    dtype: DType | null,
  ],
  ConvOptions
>;
const NAMES = ['stride', 'padding', 'dilation', 'groups', 'useBias', 'paddingMode', 'dtype'];
const FIELDS: readonly TreeField[] = [
  ['weight', 'weight'],
  ['bias', 'bias'],
];
const MODES: Record<EqxPaddingMode, PaddingMode> = { ZEROS: 'zeros', REFLECT: 'reflect', REPLICATE: 'replicate', CIRCULAR: 'circular' };

function paddingInit(padding: EqxPadding, n: number): string | Array<[number, number]> {
  if (typeof padding === 'string') {
    const p = padding.toUpperCase();
    if (!['SAME', 'SAME_LOWER', 'VALID'].includes(p))
      throw new InteropError('E_INVALID_ARGUMENT', "`padding` string must be 'SAME', 'SAME_LOWER', or 'VALID'");
    return p;
  }
  if (typeof padding === 'number') return Array.from({ length: n }, () => [padding, padding]);
  if (Array.isArray(padding) && padding.length === n) {
    if (padding.every((p) => Array.isArray(p) && p.length === 2)) return padding.map((p) => [(p as number[])[0]!, (p as number[])[1]!]);
    if (padding.every((p) => typeof p === 'number')) return (padding as number[]).map((p) => [p, p]);
  }
  throw new InteropError(
    'E_INVALID_ARGUMENT',
    `\`padding\` must either be a string, an int, or tuple of length ${n} containing ints or tuples of length 2`,
    {
      found: JSON.stringify(padding),
    },
  );
}

/**
 * `eqx.nn.Conv(num_spatial_dims, in_channels, out_channels, kernel_size, ...)`: channels-first,
 * weight `(out, in/groups, *kernel)`, bias `(out, 1, ..., 1)`, both uniform(±1/sqrt(fan_in))
 * from `split(key)`; padding 0 by default, `padding_mode` ZEROS/REFLECT/REPLICATE/CIRCULAR.
 *
 * @example
 * ```ts
 * const conv = new Conv(2, 3, 4, 3, { padding: 'SAME', key: key(0) });
 * conv.call(x).shape; // [4, H, W] for x of shape [3, H, W]
 * ```
 */
export class Conv extends Layer {
  declare readonly numSpatialDims: number;
  declare readonly weight: Tensor;
  declare readonly bias: Tensor | null;
  declare readonly inChannels: number;
  declare readonly outChannels: number;
  declare readonly kernelSize: number[];
  declare readonly stride: number[];
  declare readonly padding: string | Array<[number, number]>;
  declare readonly dilation: number[];
  declare readonly groups: number;
  declare readonly useBias: boolean;
  declare readonly paddingMode: EqxPaddingMode;

  constructor(numSpatialDims: number, inChannels: number, outChannels: number, kernelSize: number | readonly number[], ...rest: ConvRest) {
    super();
    const o = parseArgs<ConvOptions>(this.type, NAMES, rest, ['key']);
    const n = numSpatialDims;
    const k = ntuple(kernelSize, n, 'kernel_size');
    const groups = o.groups ?? 1;
    if (inChannels % groups !== 0) {
      throw new InteropError('E_INVALID_ARGUMENT', `\`in_channels\` (=${inChannels}) must be divisible by \`groups\` (=${groups}).`);
    }
    const paddingMode = (o.paddingMode ?? 'ZEROS').toUpperCase() as EqxPaddingMode;
    if (!(paddingMode in MODES))
      throw new InteropError('E_INVALID_ARGUMENT', "`padding_mode` must be 'ZEROS', 'REFLECT', 'REPLICATE', or 'CIRCULAR'");
    const useBias = o.useBias ?? true;
    const init = convInit(requireKey(this.type, o), inChannels, outChannels, k, { groups, useBias, dtype: o.dtype ?? 'float32' });
    Object.assign(this, {
      numSpatialDims: n,
      weight: init.weight,
      bias: init.bias,
      inChannels,
      outChannels,
      kernelSize: k,
      stride: ntuple(o.stride ?? 1, n, 'stride'),
      padding: paddingInit(o.padding ?? 0, n),
      dilation: ntuple(o.dilation ?? 1, n, 'dilation'),
      groups,
      useBias,
      paddingMode,
    });
    Object.freeze(this);
  }

  get type(): string {
    return 'Conv';
  }

  treeFields(): readonly TreeField[] {
    return FIELDS;
  }

  toIR(): ConvIR {
    const n = this.numSpatialDims;
    const kernel = transpose(this.weight, [...Array.from({ length: n }, (_, i) => i + 2), 1, 0]);
    return {
      kind: 'conv',
      params: {
        inFeatures: this.inChannels,
        outFeatures: this.outChannels,
        kernelSize: [...this.kernelSize],
        strides: [...this.stride],
        padding: (typeof this.padding === 'string' ? this.padding : this.padding.map(([lo, hi]) => [lo, hi])) as ConvPadding,
        paddingMode: MODES[this.paddingMode],
        inputDilation: Array<number>(n).fill(1),
        kernelDilation: [...this.dilation],
        featureGroups: this.groups,
      },
      tensors: this.bias ? { kernel, bias: this.bias.reshape([this.outChannels]) } : { kernel },
    };
  }

  protected resultDtype(x: Tensor): DType {
    return promote([x, this.weight, this.bias]);
  }

  /** `conv(x)` for one example `(in_channels, *spatial)`. */
  call(x: Tensor, _options: CallOptions = {}): Tensor {
    this.checkRank(x, 0);
    return this.runOne(x);
  }

  /** `jax.vmap(conv)(xs)`: `xs` of shape `(batch, in_channels, *spatial)`. */
  callBatch(xs: Tensor, _options: CallOptions = {}): Tensor {
    this.checkRank(xs, 1);
    return this.runBatch(xs);
  }

  private checkRank(x: Tensor, lead: number): void {
    if (x.ndim - lead !== this.numSpatialDims + 1 || x.shape[lead] !== this.inChannels) {
      throw new InteropError(
        'E_SHAPE_MISMATCH',
        `Input to \`Conv\` needs ${this.inChannels} channels first and rank ${this.numSpatialDims + 1}${lead ? ' under a batch axis' : ''}`,
        {
          found: `[${x.shape.join(', ')}]`,
        },
      );
    }
  }
}

/**
 * `eqx.nn.Conv1d(in_channels, out_channels, kernel_size, ...)`: {@link Conv} with one spatial axis.
 *
 * @example
 * ```ts
 * new Conv1d(3, 5, 3, { padding: 'SAME', key: key(0) });
 * ```
 */
export class Conv1d extends Conv {
  constructor(inChannels: number, outChannels: number, kernelSize: number | readonly number[], ...rest: ConvRest) {
    super(1, inChannels, outChannels, kernelSize, ...rest);
  }

  override get type(): string {
    return 'Conv1d';
  }
}

/**
 * `eqx.nn.Conv2d(in_channels, out_channels, kernel_size, ...)`: {@link Conv} with two spatial axes.
 *
 * @example
 * ```ts
 * new Conv2d(3, 4, [3, 3], { stride: 2, key: key(0) });
 * ```
 */
export class Conv2d extends Conv {
  constructor(inChannels: number, outChannels: number, kernelSize: number | readonly number[], ...rest: ConvRest) {
    super(2, inChannels, outChannels, kernelSize, ...rest);
  }

  override get type(): string {
    return 'Conv2d';
  }
}

/**
 * `eqx.nn.Conv3d(in_channels, out_channels, kernel_size, ...)`: {@link Conv} with three spatial axes.
 *
 * @example
 * ```ts
 * new Conv3d(2, 3, [2, 3, 2], { padding: 'SAME', key: key(0) });
 * ```
 */
export class Conv3d extends Conv {
  constructor(inChannels: number, outChannels: number, kernelSize: number | readonly number[], ...rest: ConvRest) {
    super(3, inChannels, outChannels, kernelSize, ...rest);
  }

  override get type(): string {
    return 'Conv3d';
  }
}
