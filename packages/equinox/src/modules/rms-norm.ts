import type { DType, RMSNormIR } from '@interop/core';
import { parseArgs } from '../args.js';
import type { Args } from '../args.js';
import { shapeChannelsLast } from '../layout.js';
import { WholeExampleNorm, affineToIR } from './whole-example-norm.js';

/** Keyword arguments of {@link RMSNorm}. */
export interface RMSNormOptions {
  /** @default 1e-5 */
  eps?: number;
  /** @default true */
  useWeight?: boolean;
  /** @default true */
  useBias?: boolean;
  /** @default 'float32' */
  dtype?: DType | null;
}

/**
 * `eqx.nn.RMSNorm(shape, eps=1e-5, use_weight=True, use_bias=True)`:
 * `x / sqrt(mean(x²) + eps) * weight + bias` over the whole example; unlike Flax it has a bias.
 *
 * @example
 * ```ts
 * new RMSNorm([6]).call(x);
 * ```
 */
export class RMSNorm extends WholeExampleNorm {
  constructor(
    shape: number | readonly number[],
    ...rest: Args<[eps: number, useWeight: boolean, useBias: boolean, dtype: DType | null], RMSNormOptions>
  ) {
    super(shape, parseArgs<RMSNormOptions>('RMSNorm', ['eps', 'useWeight', 'useBias', 'dtype'], rest));
  }

  get type(): string {
    return 'RMSNorm';
  }

  /** Over the whole example moved channels-last, with the bias (the IR's rms-norm carries one). */
  toIR(): RMSNormIR {
    return {
      kind: 'rms-norm',
      params: { featureShape: shapeChannelsLast(this.shape), epsilon: this.eps },
      tensors: affineToIR(this.weight, this.bias),
    };
  }
}
