import { InteropError, poolOutputShape } from '@interop/core';
import type { PoolIR, PoolPadding, Tensor } from '@interop/core';
import type { FloatDType } from '@interop/runtime';
import { bstArgs, replicate, required, toSize } from '../args.js';
import { promote } from '../dtypes.js';
import { Module } from '../module.js';
import { runBatched } from '../run.js';

/** A pool's `padding` as BrainState takes it: `'SAME'`, `'VALID'`, an int, ints per axis, or `[low, high]` pairs. */
export type PoolPaddingArg = 'SAME' | 'VALID' | number | number[] | Array<[number, number]>;

/** Keyword arguments of the pooling layers (`stride`'s default differs: see each class). */
export interface PoolOptions {
  kernelSize?: number | number[];
  stride?: number | number[] | null;
  /** @default 'VALID' */
  padding?: PoolPaddingArg;
  /** Only `-1` (channels last) is modelled. @default -1 */
  channelAxis?: number | null;
  /** Only `false` is modelled (MaxPool). @default false */
  returnIndices?: boolean;
  name?: string;
  /** The unbatched input size `(...spatial, C)`; sets `outSize`. */
  inSize?: number | number[];
}

function bad(what: string, found: unknown): never {
  throw new InteropError('E_INVALID_ARGUMENT', what, { found: JSON.stringify(found) });
}

/** `_MaxPool.__init__`'s padding rules: a string, an int for every side, one int per axis, or pairs (one pair repeats). */
function parsePadding(p: PoolPaddingArg, nd: number): 'SAME' | 'VALID' | Array<[number, number]> {
  if (typeof p === 'string') return p === 'SAME' || p === 'VALID' ? p : bad(`Invalid padding '${p}', must be 'SAME' or 'VALID'.`, p);
  if (typeof p === 'number') return Array.from({ length: nd }, () => [p, p] as [number, number]);
  if (!Array.isArray(p) || p.length === 0) return bad('padding should be a str, int, or sequence', p);
  if (typeof p[0] === 'number') {
    const ints = p as number[];
    return ints.length === nd
      ? ints.map((v) => [v, v] as [number, number])
      : bad(`If padding is a sequence of ints, it should has the length of ${nd}.`, p);
  }
  const pairs = (p as Array<[number, number]>).map((q) =>
    Array.isArray(q) && q.length === 2 ? ([q[0], q[1]] as [number, number]) : bad('Each entry in padding must be tuple of 2 ints.', q),
  );
  if (pairs.length === 1) return Array.from({ length: nd }, () => [...pairs[0]!] as [number, number]);
  return pairs.length === nd ? pairs : bad(`padding should has the length of ${nd}.`, p);
}

const PARAMS = ['kernelSize', 'stride', 'padding', 'channelAxis', 'returnIndices', 'name', 'inSize'];

/**
 * BrainState's `_MaxPool` / `_AvgPool`: pooling over the `nd` axes before the last (channel)
 * axis of a channels-last input, batched or not. Max pads with `-inf`; average divides by the
 * number of valid (unpadded) elements.
 *
 * @example
 * ```ts
 * new MaxPool2d(2).stride; // [2, 2]: MaxPool's stride defaults to the window
 * ```
 */
export abstract class Pool extends Module {
  /** `'max'` or `'avg'`. */
  readonly op: 'max' | 'avg';
  readonly kernelSize: number[];
  readonly stride: number[];
  /** `'SAME'`, `'VALID'` or one `[low, high]` pair per pooled axis. */
  readonly padding: 'SAME' | 'VALID' | Array<[number, number]>;
  readonly channelAxis: number;
  readonly name: string | undefined;

  protected constructor(op: 'max' | 'avg', nd: number, callee: string, defaultStride: 'kernel' | 1, args: unknown[]) {
    super();
    const a = bstArgs<PoolOptions>(callee, op === 'max' ? PARAMS : PARAMS.filter((p) => p !== 'returnIndices'), [], args);
    if (a.channelAxis !== undefined && a.channelAxis !== -1) {
      bad(
        `${callee}: channel_axis=${String(a.channelAxis)} is not modelled by @interop/brainstate; use channels-last input (channel_axis=-1)`,
        a.channelAxis,
      );
    }
    if (a.returnIndices)
      bad(`${callee}: return_indices=True is not modelled by @interop/brainstate (it returns a pair); leave it False`, a.returnIndices);
    this.op = op;
    this.kernelSize = replicate(required(callee, 'kernelSize', a.kernelSize), nd, 'kernel_size');
    const stride = a.stride ?? (defaultStride === 'kernel' ? this.kernelSize : 1);
    this.stride = replicate(stride, nd, 'stride');
    if (![...this.kernelSize, ...this.stride].every((n) => Number.isInteger(n) && n > 0))
      bad(`${callee} kernel_size and stride must be positive ints`, [this.kernelSize, this.stride]);
    this.padding = parsePadding(a.padding ?? 'VALID', nd);
    this.channelAxis = -1;
    this.name = a.name;
    if (a.inSize !== undefined) {
      const inSize = toSize(a.inSize, callee, 'inSize');
      if (inSize.length !== nd + 1) bad(`${callee} in_size must have ${nd + 1} entries (${nd} pooled axes plus the channels)`, inSize);
      this.inSize = inSize;
      this.outSize = poolOutputShape(this.toIR(), inSize);
    }
  }

  /** The IR's padding; an average over padded windows counts only the valid elements. */
  toIR(): PoolIR {
    const padding: PoolPadding = Array.isArray(this.padding) ? this.padding.map(([l, h]) => [l, h] as [number, number]) : this.padding;
    // With no padding both divisors agree; Flax's default (count the whole window) reads best there.
    const padded = padding === 'SAME' || (Array.isArray(padding) && padding.some(([l, h]) => l !== 0 || h !== 0));
    return {
      kind: 'pool',
      params: {
        op: this.op,
        windowShape: [...this.kernelSize],
        strides: [...this.stride],
        padding,
        countIncludePad: this.op === 'max' || !padded,
      },
      tensors: {},
    };
  }

  call(x: Tensor): Tensor {
    const nd = this.kernelSize.length;
    if (x.ndim !== nd + 1 && x.ndim !== nd + 2)
      bad(`${this.type} expects an input of ${nd + 2} dims (with batch) or ${nd + 1} (without), channels last`, x.shape);
    return runBatched(this.toIR(), x, nd + 1, promote([x]) as FloatDType);
  }
}

/**
 * `brainstate.nn.MaxPool1d(kernel_size, stride=None, padding='VALID', channel_axis=-1)`: the
 * stride defaults to `kernel_size`.
 *
 * @example
 * ```ts
 * new MaxPool1d(3).call(x); // [batch, floor(L / 3), C]
 * ```
 */
export class MaxPool1d extends Pool {
  readonly type = 'MaxPool1d';
  constructor(kernelSize: number | number[], stride?: number | number[] | null, padding?: PoolPaddingArg, options?: PoolOptions);
  constructor(...args: unknown[]);
  constructor(...args: unknown[]) {
    super('max', 1, 'MaxPool1d', 'kernel', args);
  }
}

/**
 * `brainstate.nn.MaxPool2d(kernel_size, stride=None, padding='VALID', channel_axis=-1)`: the
 * stride defaults to `kernel_size` (Flax's `max_pool` defaults to 1).
 *
 * @example
 * ```ts
 * new MaxPool2d(2).call(x); // [batch, H / 2, W / 2, C]
 * ```
 */
export class MaxPool2d extends Pool {
  readonly type = 'MaxPool2d';
  constructor(kernelSize: number | number[], stride?: number | number[] | null, padding?: PoolPaddingArg, options?: PoolOptions);
  constructor(...args: unknown[]);
  constructor(...args: unknown[]) {
    super('max', 2, 'MaxPool2d', 'kernel', args);
  }
}

/**
 * `brainstate.nn.MaxPool3d(kernel_size, stride=None, padding='VALID', channel_axis=-1)`.
 *
 * @example
 * ```ts
 * new MaxPool3d(2, 1).call(x);
 * ```
 */
export class MaxPool3d extends Pool {
  readonly type = 'MaxPool3d';
  constructor(kernelSize: number | number[], stride?: number | number[] | null, padding?: PoolPaddingArg, options?: PoolOptions);
  constructor(...args: unknown[]);
  constructor(...args: unknown[]) {
    super('max', 3, 'MaxPool3d', 'kernel', args);
  }
}

/**
 * `brainstate.nn.AvgPool1d(kernel_size, stride=1, padding='VALID', channel_axis=-1)`: a padded
 * window's average is over its valid elements only.
 *
 * @example
 * ```ts
 * new AvgPool1d(2, 2).call(x);
 * ```
 */
export class AvgPool1d extends Pool {
  readonly type = 'AvgPool1d';
  constructor(kernelSize: number | number[], stride?: number | number[] | null, padding?: PoolPaddingArg, options?: PoolOptions);
  constructor(...args: unknown[]);
  constructor(...args: unknown[]) {
    super('avg', 1, 'AvgPool1d', 1, args);
  }
}

/**
 * `brainstate.nn.AvgPool2d(kernel_size, stride=1, padding='VALID', channel_axis=-1)`: a padded
 * window's average is over its valid elements only (Flax's `count_include_pad=False`).
 *
 * @example
 * ```ts
 * new AvgPool2d(2, 2).call(x); // [batch, H / 2, W / 2, C]
 * ```
 */
export class AvgPool2d extends Pool {
  readonly type = 'AvgPool2d';
  constructor(kernelSize: number | number[], stride?: number | number[] | null, padding?: PoolPaddingArg, options?: PoolOptions);
  constructor(...args: unknown[]);
  constructor(...args: unknown[]) {
    super('avg', 2, 'AvgPool2d', 1, args);
  }
}

/**
 * `brainstate.nn.AvgPool3d(kernel_size, stride=1, padding='VALID', channel_axis=-1)`.
 *
 * @example
 * ```ts
 * new AvgPool3d([2, 2, 1], [1, 2, 1]).call(x);
 * ```
 */
export class AvgPool3d extends Pool {
  readonly type = 'AvgPool3d';
  constructor(kernelSize: number | number[], stride?: number | number[] | null, padding?: PoolPaddingArg, options?: PoolOptions);
  constructor(...args: unknown[]);
  constructor(...args: unknown[]) {
    super('avg', 3, 'AvgPool3d', 1, args);
  }
}
