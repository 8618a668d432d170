import type { DType, LayerNormIR } from '@interop/core';
import { parseArgs } from '../args.js';
import type { Args } from '../args.js';
import { shapeChannelsLast } from '../layout.js';
import { WholeExampleNorm, affineToIR } from './whole-example-norm.js';

/** Keyword arguments of {@link LayerNorm}. */
export interface LayerNormOptions {
  /** @default 1e-5 */
  eps?: number;
  /** @default true */
  useWeight?: boolean;
  /** @default true */
  useBias?: boolean;
  /** dtype of weight and bias. @default 'float32' */
  dtype?: DType | null;
  /** Deprecated in Equinox: sets both useWeight and useBias. */
  elementwiseAffine?: boolean | null;
}

/**
 * `eqx.nn.LayerNorm(shape, eps=1e-5, use_weight=True, use_bias=True)`: statistics over the whole
 * example (which must have shape `shape`), two-pass variance; weight ones and bias zeros of
 * shape `shape`.
 *
 * @example
 * ```ts
 * const ln = new LayerNorm([6]);
 * ln.call(x); // x of shape [6]
 * ```
 */
export class LayerNorm extends WholeExampleNorm {
  constructor(
    shape: number | readonly number[],
    ...rest: Args<[eps: number, useWeight: boolean, useBias: boolean, dtype: DType | null], LayerNormOptions>
  ) {
    const o = parseArgs<LayerNormOptions>('LayerNorm', ['eps', 'useWeight', 'useBias', 'dtype'], rest, ['elementwiseAffine']);
    const affine = o.elementwiseAffine ?? undefined;
    super(shape, { ...o, useWeight: affine ?? o.useWeight, useBias: affine ?? o.useBias });
  }

  get type(): string {
    return 'LayerNorm';
  }

  /** Over the whole example moved channels-last: `featureShape` is `shape` with its first axis last. */
  toIR(): LayerNormIR {
    return {
      kind: 'layer-norm',
      params: { featureShape: shapeChannelsLast(this.shape), epsilon: this.eps, variance: 'two-pass' },
      tensors: affineToIR(this.weight, this.bias),
    };
  }
}
