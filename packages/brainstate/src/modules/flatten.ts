import { InteropError, MissingShapeError } from '@interop/core';
import type { FlattenIR, Tensor } from '@interop/core';
import { bstArgs, toSize } from '../args.js';
import { Module } from '../module.js';

/** Keyword arguments of {@link Flatten}. */
export interface FlattenOptions {
  /** @default 0 (the batch axis too, unless `inSize` is given) */
  startAxis?: number;
  /** @default -1 */
  endAxis?: number;
  /** The unbatched input size; axes then count within it, and batch axes are kept. */
  inSize?: number | number[];
}

function bad(what: string, found: unknown): never {
  throw new InteropError('E_INVALID_ARGUMENT', what, { found: JSON.stringify(found) });
}

const sameShape = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((n, i) => n === b[i]);

/**
 * `brainstate.nn.Flatten(start_axis=0, end_axis=-1, in_size=None)`: merges axes `start..end`
 * (inclusive). Without `in_size` the axes are those of the input as called, so the default
 * `Flatten()` also flattens the batch axis; users write `start_axis=1`, or give `in_size`, whose
 * axes then count within one example (batch axes are kept, and the example must be `in_size`).
 *
 * @example
 * ```ts
 * new Flatten(1).call(x); // [batch, H * W * C]
 * new Flatten({ inSize: [4, 4, 16] }).outSize; // [256]
 * ```
 */
export class Flatten extends Module {
  readonly type = 'Flatten';
  readonly startAxis: number;
  readonly endAxis: number;

  constructor(startAxis?: number, endAxis?: number, inSize?: number | number[], options?: FlattenOptions);
  constructor(...args: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const a = bstArgs<FlattenOptions>('Flatten', ['startAxis', 'endAxis', 'inSize'], [], args);
    this.startAxis = a.startAxis ?? 0;
    this.endAxis = a.endAxis ?? -1;
    if (!Number.isInteger(this.startAxis) || !Number.isInteger(this.endAxis))
      bad('Flatten start_axis and end_axis must be ints', [a.startAxis, a.endAxis]);
    if (a.inSize !== undefined) {
      this.inSize = toSize(a.inSize, 'Flatten', 'inSize');
      const [s, e] = this.axes(this.inSize.length, 0);
      this.outSize = [...this.inSize.slice(0, s), this.inSize.slice(s, e + 1).reduce((p, q) => p * q, 1), ...this.inSize.slice(e + 1)];
    }
  }

  /** The first and last merged axis of an input of `ndim` dims with `batchDims` leading batch axes. */
  private axes(ndim: number, batchDims: number): [number, number] {
    const s = this.startAxis >= 0 ? this.startAxis + batchDims : ndim + this.startAxis;
    const e = this.endAxis >= 0 ? this.endAxis + batchDims : ndim + this.endAxis;
    if (s < 0 || e >= ndim || s > e)
      bad(`Flatten(start_axis=${this.startAxis}, end_axis=${this.endAxis}) does not fit an input of ${ndim} dims`, [s, e]);
    return [s, e];
  }

  /** True when the IR needs the example's shape to tell whether every axis but the batch is merged. */
  get needsInputShape(): boolean {
    return this.inSize === undefined && (this.startAxis < 0 || this.endAxis >= 0);
  }

  /**
   * The IR `flatten` (every axis of one example, the batch kept), when this Flatten is exactly
   * that for a batched call.
   *
   * @throws {InteropError} E_CONVERSION for a Flatten that merges the batch axis or only some
   *   axes; E_MISSING_SHAPE when that depends on the example's rank and no shape is given.
   */
  toIR(inputShape?: readonly number[]): FlattenIR {
    const flat: FlattenIR = { kind: 'flatten', params: {}, tensors: {} };
    if (this.inSize) {
      if (inputShape && !sameShape(inputShape, this.inSize)) {
        throw new InteropError(
          'E_SHAPE_MISMATCH',
          `Flatten was built for in_size [${this.inSize.join(', ')}], but its input is [${inputShape.join(', ')}]`,
          {
            expected: `[${this.inSize.join(', ')}]`,
            found: `[${inputShape.join(', ')}]`,
          },
        );
      }
      const [s, e] = this.axes(this.inSize.length, 0);
      if (s === 0 && e === this.inSize.length - 1) return flat;
      return this.partial();
    }
    if (this.startAxis === 0) {
      throw new InteropError(
        'E_CONVERSION',
        'Flatten() with start_axis=0 and no in_size also flattens the batch axis, which no other framework does',
        {
          found: `Flatten(start_axis=${this.startAxis}, end_axis=${this.endAxis})`,
          fix: 'Build it as Flatten(start_axis=1) or Flatten(in_size=...), as BrainState models that keep the batch do',
        },
      );
    }
    if (this.needsInputShape && !inputShape) {
      throw new MissingShapeError(
        `Flatten(start_axis=${this.startAxis}, end_axis=${this.endAxis}) merges every axis of an example only for one rank of input`,
        {
          fix: 'Pass a sampleInput (one unbatched channels-last example shape)',
        },
      );
    }
    const rank = inputShape ? inputShape.length + 1 : undefined;
    const [s, e] = rank === undefined ? [this.startAxis, Infinity] : this.axes(rank, 0);
    if (s === 1 && (rank === undefined ? this.endAxis === -1 : e === rank - 1)) return flat;
    return this.partial();
  }

  private partial(): never {
    throw new InteropError(
      'E_CONVERSION',
      `Flatten(start_axis=${this.startAxis}, end_axis=${this.endAxis}) merges only some axes of an example; the IR's flatten merges all of them`,
      {
        fix: 'Flatten every axis but the batch (start_axis=1, or in_size with the default axes), or reshape in the forward program instead',
      },
    );
  }

  call(x: Tensor): Tensor {
    let batchDims = 0;
    if (this.inSize) {
      if (x.ndim < this.inSize.length || !sameShape(x.shape.slice(x.ndim - this.inSize.length), this.inSize)) {
        throw new InteropError(
          'E_SHAPE_MISMATCH',
          `Input tensor has shape [${x.shape.join(', ')}], but expected shape [${this.inSize.join(', ')}].`,
          {
            expected: `[..., ${this.inSize.join(', ')}]`,
            found: `[${x.shape.join(', ')}]`,
          },
        );
      }
      batchDims = x.ndim - this.inSize.length;
    }
    const [s, e] = this.axes(x.ndim, batchDims);
    return x.reshape([...x.shape.slice(0, s), x.shape.slice(s, e + 1).reduce((p, q) => p * q, 1), ...x.shape.slice(e + 1)]);
  }
}
