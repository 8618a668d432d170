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
    // The mask broadcasts over the broadcast_dims axes (size 1 in its shape).
    const maskStrides = shape.map((n, i) => (n === 1 ? 0 : shape.slice(i + 1).reduce((p, q) => p * q, 1)));
    const xStrides = x.shape.map((_, i) => x.shape.slice(i + 1).reduce((p, q) => p * q, 1));
    const out = x.toArray().map((v, flat) => {
      const at = xStrides.reduce((m, stride, i) => m + (Math.floor(flat / stride) % x.shape[i]!) * maskStrides[i]!, 0);
      return mask[at] ? v / this.prob : 0;
    });
    return Tensor.fromArray(out, x.shape, x.dtype as FloatDType);
  }
}
