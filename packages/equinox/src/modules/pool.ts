import { InteropError, Tensor } from '@interop/core';
import type { DType, PoolIR } from '@interop/core';
import { parseArgs } from '../args.js';
import type { Args } from '../args.js';
import { floatOf } from '../dtypes.js';
import { Layer } from '../module.js';
import type { ToIROptions, TreeField } from '../module.js';
import { ntuple } from './common.js';
import type { CallOptions } from './common.js';

/** Equinox's pool `padding`: an int, one int per axis, or one `[low, high]` pair per axis. */
export type PoolPaddingArg = number | ReadonlyArray<number | readonly [number, number]>;

/** Keyword arguments of the pooling layers. */
export interface PoolOptions {
  /** @default 1 */
  stride?: number | readonly number[];
  /** @default 0 */
  padding?: PoolPaddingArg;
  /** Ceil instead of floor for the output size, padding the end by one stride where needed. @default false */
  useCeil?: boolean;
}

type PoolRest = Args<[stride: number | readonly number[], padding: PoolPaddingArg, useCeil: boolean], PoolOptions>;
const NAMES = ['stride', 'padding', 'useCeil'];
const FIELDS: readonly TreeField[] = [['init', 'init']];

function paddingOf(padding: PoolPaddingArg, n: number): Array<[number, number]> {
  if (typeof padding === 'number' && Number.isSafeInteger(padding)) return Array.from({ length: n }, () => [padding, padding]);
  if (Array.isArray(padding) && padding.length === n) {
    if (padding.every((p) => Array.isArray(p) && p.length === 2)) return padding.map((p) => [(p as number[])[0]!, (p as number[])[1]!]);
    if (padding.every((p) => typeof p === 'number')) return (padding as number[]).map((p) => [p, p]);
  }
  throw new InteropError(
    'E_INVALID_ARGUMENT',
    `\`padding\` must either be an int or tuple of length ${n} containing ints or tuples of length 2`,
    {
      found: JSON.stringify(padding),
      fix: "Equinox pools take no padding strings: give the pairs ('SAME' is jax.lax.padtype_to_pads of the input size)",
    },
  );
}

/**
 * `eqx.nn.Pool`'s max and average layers: a window over the spatial axes of one channels-first
 * example `(C, *spatial)`. Kernel size, stride, padding and `use_ceil` are static; the only
 * leaf is `init` (`-inf` as `<f8` for max, `0` as `<i8` for average).
 */
export abstract class Pool extends Layer {
  declare readonly init: number | Tensor;
  declare readonly numSpatialDims: number;
  declare readonly kernelSize: number[];
  declare readonly stride: number[];
  declare readonly padding: Array<[number, number]>;
  declare readonly useCeil: boolean;

  /** `max` or `avg`: the reduction of a window. */
  declare readonly op: 'max' | 'avg';

  constructor(op: 'max' | 'avg', numSpatialDims: number, kernelSize: number | readonly number[], ...rest: PoolRest) {
    super();
    const o = parseArgs<PoolOptions>(new.target.name, NAMES, rest);
    const n = numSpatialDims;
    Object.assign(this, {
      op,
      init: op === 'max' ? -Infinity : Tensor.fromArray([0n], [], 'int64'),
      numSpatialDims: n,
      kernelSize: ntuple(kernelSize, n, 'kernel_size'),
      stride: ntuple(o.stride ?? 1, n, 'stride'),
      padding: paddingOf(o.padding ?? 0, n),
      useCeil: o.useCeil ?? false,
    });
    Object.freeze(this);
  }

  treeFields(): readonly TreeField[] {
    return FIELDS;
  }

  /**
   * The padding Equinox applies to an example with these spatial sizes: with `use_ceil`, one
   * more stride at the end of each axis whose windows do not fit exactly.
   */
  paddingFor(spatial: readonly number[]): Array<[number, number]> {
    return this.padding.map(([lo, hi], i) => {
      const s = this.stride[i]!;
      return this.useCeil && (spatial[i]! + lo + hi - this.kernelSize[i]!) % s !== 0 ? [lo, hi + s] : [lo, hi];
    });
  }

  /**
   * The IR pool; `use_ceil` needs `inputShape` (channels-last) to know where Equinox pads.
   *
   * @throws {InteropError} E_MISSING_ARCH for `use_ceil` without an input shape.
   */
  toIR(options: ToIROptions = {}): PoolIR {
    const n = this.numSpatialDims;
    let padding = this.padding.map(([lo, hi]) => [lo, hi] as [number, number]);
    if (this.useCeil) {
      const shape = options.inputShape;
      if (shape === undefined || shape.length !== n + 1) {
        throw new InteropError('E_MISSING_ARCH', `${this.type}(use_ceil=True) pads by the input size, which is unknown here`, {
          fix: 'Pass a sample input (--sample-input, or sampleInput in the API) so the padding can be made explicit',
        });
      }
      padding = this.paddingFor(shape.slice(0, n));
    }
    return {
      kind: 'pool',
      params: { op: this.op, windowShape: [...this.kernelSize], strides: [...this.stride], padding, countIncludePad: true },
      tensors: {},
    };
  }

  protected resultDtype(x: Tensor): DType {
    return floatOf(x);
  }

  /** `pool(x)` for one example `(C, *spatial)`. */
  call(x: Tensor, _options: CallOptions = {}): Tensor {
    this.check(x.shape);
    return this.runOne(x);
  }

  /** `jax.vmap(pool)(xs)`. */
  callBatch(xs: Tensor, _options: CallOptions = {}): Tensor {
    this.check(xs.shape.slice(1));
    return this.runBatch(xs);
  }

  private check(example: readonly number[]): void {
    if (example.length !== this.numSpatialDims + 1) {
      throw new InteropError(
        'E_SHAPE_MISMATCH',
        `Input should have ${this.numSpatialDims} spatial dimensions, but input has shape (${example.join(', ')})`,
        {
          fix: 'Equinox pools take one unbatched channels-first example; use vmapCall for a batch',
        },
      );
    }
    this.paddingFor(example.slice(1)).forEach(([lo, hi], i) => {
      if (Math.max(lo, hi) > this.kernelSize[i]!) {
        throw new InteropError(
          'E_INVALID_ARGUMENT',
          `Paddings should be less than the size of the kernel. Padding (${lo}, ${hi}) received for kernel size ${this.kernelSize[i]}.`,
        );
      }
    });
  }
}

/** `eqx.nn.MaxPool1d-3d`: the maximum of each window (padding counts as `-inf`). */
export abstract class MaxPool extends Pool {
  constructor(numSpatialDims: number, kernelSize: number | readonly number[], ...rest: PoolRest) {
    super('max', numSpatialDims, kernelSize, ...rest);
  }
}

/** `eqx.nn.AvgPool1d-3d`: the sum of each window divided by the whole kernel size, padding included. */
export abstract class AvgPool extends Pool {
  constructor(numSpatialDims: number, kernelSize: number | readonly number[], ...rest: PoolRest) {
    super('avg', numSpatialDims, kernelSize, ...rest);
  }
}

/**
 * `eqx.nn.MaxPool1d(kernel_size, stride=1, padding=0, use_ceil=False)`.
 *
 * @example
 * ```ts
 * new MaxPool1d(3, 2).call(x); // x of shape [C, L]
 * ```
 */
export class MaxPool1d extends MaxPool {
  constructor(kernelSize: number | readonly number[], ...rest: PoolRest) {
    super(1, kernelSize, ...rest);
  }

  get type(): string {
    return 'MaxPool1d';
  }
}

/**
 * `eqx.nn.MaxPool2d(kernel_size, stride=1, padding=0, use_ceil=False)`.
 *
 * @example
 * ```ts
 * new MaxPool2d(2, 2).call(x); // x of shape [C, H, W]
 * ```
 */
export class MaxPool2d extends MaxPool {
  constructor(kernelSize: number | readonly number[], ...rest: PoolRest) {
    super(2, kernelSize, ...rest);
  }

  get type(): string {
    return 'MaxPool2d';
  }
}

/**
 * `eqx.nn.MaxPool3d(kernel_size, stride=1, padding=0, use_ceil=False)`.
 *
 * @example
 * ```ts
 * new MaxPool3d([2, 2, 1]).call(x); // x of shape [C, D, H, W]
 * ```
 */
export class MaxPool3d extends MaxPool {
  constructor(kernelSize: number | readonly number[], ...rest: PoolRest) {
    super(3, kernelSize, ...rest);
  }

  get type(): string {
    return 'MaxPool3d';
  }
}

/**
 * `eqx.nn.AvgPool1d(kernel_size, stride=1, padding=0, use_ceil=False)`.
 *
 * @example
 * ```ts
 * new AvgPool1d(2, 2, 1).call(x); // x of shape [C, L]
 * ```
 */
export class AvgPool1d extends AvgPool {
  constructor(kernelSize: number | readonly number[], ...rest: PoolRest) {
    super(1, kernelSize, ...rest);
  }

  get type(): string {
    return 'AvgPool1d';
  }
}

/**
 * `eqx.nn.AvgPool2d(kernel_size, stride=1, padding=0, use_ceil=False)`.
 *
 * @example
 * ```ts
 * new AvgPool2d(2, { stride: 2, useCeil: true }).call(x); // x of shape [C, H, W]
 * ```
 */
export class AvgPool2d extends AvgPool {
  constructor(kernelSize: number | readonly number[], ...rest: PoolRest) {
    super(2, kernelSize, ...rest);
  }

  get type(): string {
    return 'AvgPool2d';
  }
}

/**
 * `eqx.nn.AvgPool3d(kernel_size, stride=1, padding=0, use_ceil=False)`.
 *
 * @example
 * ```ts
 * new AvgPool3d(2).call(x); // x of shape [C, D, H, W]
 * ```
 */
export class AvgPool3d extends AvgPool {
  constructor(kernelSize: number | readonly number[], ...rest: PoolRest) {
    super(3, kernelSize, ...rest);
  }

  get type(): string {
    return 'AvgPool3d';
  }
}
