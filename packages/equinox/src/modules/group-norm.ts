import { InteropError, MissingShapeError } from '@interop/core';
import type { DType, GroupNormIR, Tensor } from '@interop/core';
import { parseArgs } from '../args.js';
import type { Args } from '../args.js';
import type { ToIROptions, TreeField } from '../module.js';
import { filled } from './whole-example-norm.js';
import { Norm } from './norm-base.js';

/** Keyword arguments of {@link GroupNorm}. */
export interface GroupNormOptions {
  /** Needed when `channelwiseAffine`. @default null */
  channels?: number | null;
  /** @default 1e-5 */
  eps?: number;
  /** @default true */
  channelwiseAffine?: boolean;
  /** @default 'float32' */
  dtype?: DType | null;
}

const FIELDS: readonly TreeField[] = [
  ['weight', 'weight'],
  ['bias', 'bias'],
];

/**
 * `eqx.nn.GroupNorm(groups, channels=None, eps=1e-5, channelwise_affine=True)`: channels-first
 * `(C, *spatial)`, channels in `groups` contiguous groups, statistics over a group's channels
 * and all spatial positions; weight ones and bias zeros of shape `(C,)`.
 *
 * @example
 * ```ts
 * new GroupNorm(2, 8).call(x); // x of shape [8, H, W] or [8]
 * ```
 */
export class GroupNorm extends Norm {
  declare readonly groups: number;
  declare readonly channels: number | null;
  declare readonly eps: number;
  declare readonly channelwiseAffine: boolean;
  declare readonly weight: Tensor | null;
  declare readonly bias: Tensor | null;

  constructor(
    groups: number,
    ...rest: Args<[channels: number | null, eps: number, channelwiseAffine: boolean, dtype: DType | null], GroupNormOptions>
  ) {
    super();
    const o = parseArgs<GroupNormOptions>(this.type, ['channels', 'eps', 'channelwiseAffine', 'dtype'], rest);
    const channels = o.channels ?? null;
    const affine = o.channelwiseAffine ?? true;
    if (channels !== null && channels % groups !== 0)
      throw new InteropError('E_INVALID_ARGUMENT', 'The number of groups must divide the number of channels.');
    if (channels === null && affine)
      throw new InteropError('E_INVALID_ARGUMENT', 'The number of channels should be specified if `channelwise_affine=True`');
    const dtype = o.dtype ?? 'float32';
    Object.assign(this, {
      groups,
      channels,
      eps: o.eps ?? 1e-5,
      channelwiseAffine: affine,
      weight: affine ? filled([channels!], 1, dtype) : null,
      bias: affine ? filled([channels!], 0, dtype) : null,
    });
    Object.freeze(this);
  }

  get type(): string {
    return 'GroupNorm';
  }

  treeFields(): readonly TreeField[] {
    return FIELDS;
  }

  protected checkExample(shape: readonly number[]): void {
    const c = shape[0];
    if (c === undefined || c % this.groups !== 0 || (this.channels !== null && c !== this.channels)) {
      throw new InteropError(
        'E_SHAPE_MISMATCH',
        `GroupNorm(${this.groups}) needs channels first, ${this.channels ?? 'a multiple of the group count'}`,
        {
          found: `[${shape.join(', ')}]`,
        },
      );
    }
  }

  /** Channels-last groups; the channel count is `channels`, else the input's last IR axis. */
  toIR(options: ToIROptions = {}): GroupNormIR {
    const channels = this.channels ?? options.inputShape?.[options.inputShape.length - 1];
    if (channels === undefined) throw new MissingShapeError('GroupNorm without channels needs the input shape for its channel count');
    if (channels % this.groups !== 0)
      throw new InteropError('E_SHAPE_MISMATCH', `GroupNorm: ${channels} channels do not split into ${this.groups} groups`);
    return {
      kind: 'group-norm',
      params: { channels, numGroups: this.groups, epsilon: this.eps, variance: 'two-pass' },
      tensors: { ...(this.weight ? { scale: this.weight } : {}), ...(this.bias ? { bias: this.bias } : {}) },
    };
  }
}
