import { InteropError, Tensor } from '@interop/core';
import type { DropoutIR } from '@interop/core';
import type { FloatDType } from '@interop/runtime';
import { bstArgs } from '../args.js';
import { environ } from '../environ.js';
import { ElementWiseBlock } from '../module.js';
import { bernoulli } from '../random.js';

/**
 * `brainstate.nn.Dropout(prob=0.5, broadcast_dims=())`: `prob` is the KEEP probability. With
 * `fit` true it keeps each value with probability `prob` (scaled by `1/prob`) drawing from the
 * global random state; in evaluation it is the identity.
 *
 * @example
 * ```ts
 * environ.context({ fit: false }, () => new Dropout(0.7).call(x)); // x
 * ```
 */
export class Dropout extends ElementWiseBlock {
  readonly type = 'Dropout';
  readonly prob: number;
  readonly broadcastDims: number[];
  readonly name: string | undefined;

  constructor(prob?: number, broadcastDims?: number[], options?: { prob?: number; broadcastDims?: number[]; name?: string });
  constructor(...args: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const a = bstArgs<{ prob?: number; broadcastDims?: number[]; name?: string }>('Dropout', ['prob', 'broadcastDims', 'name'], [], args);
    this.prob = a.prob ?? 0.5;
    if (!(typeof this.prob === 'number' && this.prob >= 0 && this.prob <= 1)) {
      throw new InteropError('E_INVALID_ARGUMENT', `Dropout probability must be in the range [0, 1]. But got ${String(this.prob)}.`);
    }
    this.broadcastDims = [...(a.broadcastDims ?? [])];
    this.name = a.name;
  }

  toIR(): DropoutIR {
    return { kind: 'dropout', params: { rate: 1 - this.prob }, tensors: {} };
  }

  call(x: Tensor): Tensor {
    if (!environ.get('fit') || this.prob >= 1) return x;
    const shape = x.shape.map((n, i) => (this.broadcastDims.some((d) => (d < 0 ? d + x.ndim : d) === i) ? 1 : n));
    const mask = bernoulli(this.prob, shape).toArray();
    const strides = shape.map((_, i) => shape.slice(i + 1).reduce((p, n) => p * n, 1));
    const xs = x.toArray();
    const out = xs.map((v, flatIndex) => {
      let rest = flatIndex;
      let m = 0;
      x.shape.forEach((n, i) => {
        const size = x.shape.slice(i + 1).reduce((p, q) => p * q, 1);
        const idx = Math.floor(rest / size);
        rest -= idx * size;
        m += (shape[i] === 1 ? 0 : idx) * strides[i]!;
        void n;
      });
      return mask[m] ? v / this.prob : 0;
    });
    return Tensor.fromArray(out, x.shape, x.dtype as FloatDType);
  }
}
