import { InteropError, convOutputShape } from '@interop/core';
import type { ConvIR, ConvPadding, Tensor } from '@interop/core';
import { bstArgs, notModelled, replicate, required, toSize } from '../args.js';
import { promote } from '../dtypes.js';
import { Module } from '../module.js';
import type { GraphNode } from '../module.js';
import { initParam, runBatched } from '../run.js';
import type { InitArg } from '../run.js';
import { ParamState, entry } from '../state.js';
import { requireEntry } from './require.js';

/** BrainState's conv `padding`: `'SAME'`, `'VALID'`, an int, ints per axis, or `[low, high]` pairs. */
export type BrainstatePadding = 'SAME' | 'VALID' | number | number[] | Array<[number, number]>;

/** Keyword arguments of the convolutions. */
export interface ConvOptions {
  inSize?: number[];
  outChannels?: number;
  kernelSize?: number | number[];
  /** @default 1 */
  stride?: number | number[];
  /** @default 'SAME' */
  padding?: BrainstatePadding;
  /** @default 1 */
  lhsDilation?: number | number[];
  /** @default 1 */
  rhsDilation?: number | number[];
  /** @default 1 */
  groups?: number;
  /** @default 'XavierNormal' */
  wInit?: InitArg;
  /** @default null (no bias) */
  bInit?: InitArg | null;
  /** Only `false` (channels-last) is modelled. @default false */
  channelFirst?: boolean;
  name?: string;
}

const PARAMS = [
  'inSize',
  'outChannels',
  'kernelSize',
  'stride',
  'padding',
  'lhsDilation',
  'rhsDilation',
  'groups',
  'wInit',
  'bInit',
  'wMask',
  'channelFirst',
  'name',
  'paramType',
];

function bad(what: string, found: unknown): never {
  throw new InteropError('E_INVALID_ARGUMENT', what, { found: JSON.stringify(found) });
}

/** `_BaseConv._parse_padding`: the padding as `'SAME'`/`'VALID'` or one `[low, high]` pair per axis. */
function parsePadding(p: BrainstatePadding, nd: number): 'SAME' | 'VALID' | Array<[number, number]> {
  if (typeof p === 'string') return p === 'SAME' || p === 'VALID' ? p : bad(`String padding must be 'SAME' or 'VALID', got '${p}'`, p);
  if (typeof p === 'number') return Array.from({ length: nd }, () => [p, p] as [number, number]);
  if (!Array.isArray(p) || p.length === 0) return bad('Padding must be a string, an int, or a sequence of [low, high] pairs', p);
  if (typeof p[0] === 'number') {
    const ints = p as number[];
    if (nd === 1 && ints.length === 2) return [[ints[0]!, ints[1]!]];
    if (ints.length === nd) return ints.map((v) => [v, v] as [number, number]);
    return bad(`Integer padding ${JSON.stringify(p)} must have length ${nd}`, p);
  }
  const pairs = (p as Array<[number, number]>).map((q) =>
    Array.isArray(q) && q.length === 2 ? ([q[0], q[1]] as [number, number]) : bad('a padding pair must be [low, high]', q),
  );
  if (pairs.length === 1) return Array.from({ length: nd }, () => [...pairs[0]!] as [number, number]);
  return pairs.length === nd ? pairs : bad(`Padding needs 1 or ${nd} pairs`, p);
}

/**
 * The shared body of `Conv1d`/`Conv2d`/`Conv3d`: channels-last, `in_size` with the spatial dims,
 * state `weight: ParamState({ weight: (*kernel, in // groups, out), bias: (1, .., 1, out) })`,
 * `out_size` computed from the input size.
 *
 * @example
 * ```ts
 * new Conv2d([8, 8, 3], 4, 3, { padding: 'VALID' }).outSize; // [6, 6, 4]
 * ```
 */
export abstract class Conv extends Module {
  abstract readonly numSpatialDims: number;
  readonly outChannels: number;
  readonly kernelSize: number[];
  readonly stride: number[];
  readonly padding: 'SAME' | 'VALID' | Array<[number, number]>;
  readonly lhsDilation: number[];
  readonly rhsDilation: number[];
  readonly groups: number;
  readonly inChannels: number;
  readonly weight: ParamState<{ [key: string]: Tensor }>;
  readonly name: string | undefined;
  declare inSize: number[];
  declare outSize: number[];

  protected constructor(nd: number, callee: string, args: unknown[]) {
    super();
    const a = bstArgs<ConvOptions>(callee, PARAMS, [], args);
    const inSize = toSize(required(callee, 'inSize', a.inSize), callee, 'inSize');
    if (inSize.length !== nd + 1) {
      bad(
        `${callee} in_size must have ${nd + 1} entries (${nd} spatial dimensions plus the channel dimension), but got length ${inSize.length}`,
        inSize,
      );
    }
    notModelled(callee, 'wMask', (a as { wMask?: unknown }).wMask);
    notModelled(callee, 'paramType', (a as { paramType?: unknown }).paramType);
    if (a.channelFirst) bad(`${callee}: channel_first=True is not modelled here; use channels-last input`, a.channelFirst);
    this.inSize = inSize;
    this.inChannels = inSize[nd]!;
    this.outChannels = required(callee, 'outChannels', a.outChannels);
    this.kernelSize = replicate(required(callee, 'kernelSize', a.kernelSize), nd, 'kernel_size');
    this.stride = replicate(a.stride ?? 1, nd, 'stride');
    this.lhsDilation = replicate(a.lhsDilation ?? 1, nd, 'lhs_dilation');
    this.rhsDilation = replicate(a.rhsDilation ?? 1, nd, 'rhs_dilation');
    this.groups = a.groups ?? 1;
    this.padding = parsePadding(a.padding ?? 'SAME', nd);
    this.name = a.name;
    if (this.outChannels % this.groups !== 0)
      bad(`"out_channels" (${this.outChannels}) should be divisible by groups (${this.groups})`, this.groups);
    if (this.inChannels % this.groups !== 0)
      bad(`"in_channels" (${this.inChannels}) should be divisible by groups (${this.groups})`, this.groups);
    const params: { [key: string]: Tensor } = {
      weight: initParam(
        a.wInit ?? 'XavierNormal',
        [...this.kernelSize, this.inChannels / this.groups, this.outChannels],
        `${callee} weight`,
      ),
    };
    if (a.bInit !== undefined && a.bInit !== null)
      params.bias = initParam(a.bInit, [...Array<number>(nd).fill(1), this.outChannels], `${callee} bias`);
    this.weight = new ParamState(params);
    this.outSize = convOutputShape(this.toIR(), inSize);
  }

  override graphNodes(): Array<[string, GraphNode]> {
    return [['weight', this.weight]];
  }

  /** The IR's padding: BrainState's own (`'SAME'`, `'VALID'` or explicit pairs). */
  get irPadding(): ConvPadding {
    return this.padding;
  }

  toIR(): ConvIR {
    const kernel = requireEntry(this.weight, 'weight', this.type, 'weight');
    const bias = entry(this.weight, 'bias');
    const nd = this.kernelSize.length;
    return {
      kind: 'conv',
      params: {
        inFeatures: kernel.shape[nd]! * this.groups,
        outFeatures: kernel.shape[nd + 1]!,
        kernelSize: kernel.shape.slice(0, nd),
        strides: [...this.stride],
        padding: Array.isArray(this.padding) ? this.padding.map(([l, h]) => [l, h] as [number, number]) : this.padding,
        paddingMode: 'zeros',
        inputDilation: [...this.lhsDilation],
        kernelDilation: [...this.rhsDilation],
        featureGroups: this.groups,
      },
      tensors: bias ? { kernel, bias: bias.reshape([bias.size]) } : { kernel },
    };
  }

  call(x: Tensor): Tensor {
    const nd = this.kernelSize.length;
    const unbatched =
      x.ndim === nd + 1
        ? x.shape
        : x.ndim === nd + 2
          ? x.shape.slice(1)
          : bad(`expected ${nd + 2}D (with batch) or ${nd + 1}D (without batch) input`, x.shape);
    if (unbatched.some((n, i) => n !== this.inSize[i])) {
      throw new InteropError('E_SHAPE_MISMATCH', `${this.type}: the expected input shape is [${this.inSize.join(', ')}]`, {
        found: `[${unbatched.join(', ')}]`,
      });
    }
    const ir = this.toIR();
    return runBatched(ir, x, nd + 1, promote([x, ir.tensors.kernel, ir.tensors.bias]));
  }
}

/**
 * `brainstate.nn.Conv1d(in_size, out_channels, kernel_size, stride, padding, lhs_dilation,
 * rhs_dilation, groups, w_init, b_init)`; `in_size` is `(length, channels)`.
 *
 * @example
 * ```ts
 * new Conv1d([16, 4], 6, 3, { stride: 2, groups: 2 });
 * ```
 */
export class Conv1d extends Conv {
  readonly type = 'Conv1d';
  readonly numSpatialDims = 1;
  constructor(inSize: number[], outChannels: number, kernelSize: number | number[], ...rest: unknown[]);
  constructor(...args: unknown[]);
  constructor(...args: unknown[]) {
    super(1, 'Conv1d', args);
  }
}

/**
 * `brainstate.nn.Conv2d`; `in_size` is `(height, width, channels)`.
 *
 * @example
 * ```ts
 * new Conv2d([8, 8, 3], 4, [3, 3], { bInit: 'ZeroInit' });
 * ```
 */
export class Conv2d extends Conv {
  readonly type = 'Conv2d';
  readonly numSpatialDims = 2;
  constructor(inSize: number[], outChannels: number, kernelSize: number | number[], ...rest: unknown[]);
  constructor(...args: unknown[]);
  constructor(...args: unknown[]) {
    super(2, 'Conv2d', args);
  }
}

/**
 * `brainstate.nn.Conv3d`; `in_size` is `(d1, d2, d3, channels)`.
 *
 * @example
 * ```ts
 * new Conv3d([4, 4, 3, 2], 3, [2, 3, 2]);
 * ```
 */
export class Conv3d extends Conv {
  readonly type = 'Conv3d';
  readonly numSpatialDims = 3;
  constructor(inSize: number[], outChannels: number, kernelSize: number | number[], ...rest: unknown[]);
  constructor(...args: unknown[]);
  constructor(...args: unknown[]) {
    super(3, 'Conv3d', args);
  }
}
