import type { DType, RMSNormIR, Tensor } from '@interop/core';
import { parseArgs } from '../args.js';
import type { Args } from '../args.js';
import { shapeChannelsLast } from '../layout.js';
import type { TreeField } from '../module.js';
import { affineToIR, checkWhole, wholeAffine } from './layer-norm.js';
import { Norm } from './norm-base.js';

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

const FIELDS: readonly TreeField[] = [['weight', 'weight'], ['bias', 'bias']];

/**
 * `eqx.nn.RMSNorm(shape, eps=1e-5, use_weight=True, use_bias=True)`:
 * `x / sqrt(mean(x²) + eps) * weight + bias` over the whole example; unlike Flax it has a bias.
 *
 * @example
 * ```ts
 * new RMSNorm([6]).call(x);
 * ```
 */
export class RMSNorm extends Norm {
  declare readonly shape: number[];
  declare readonly eps: number;
  declare readonly useWeight: boolean;
  declare readonly useBias: boolean;
  declare readonly weight: Tensor | null;
  declare readonly bias: Tensor | null;

  constructor(shape: number | readonly number[], ...rest: Args<[eps: number, useWeight: boolean, useBias: boolean, dtype: DType | null], RMSNormOptions>) {
    super();
    const o = parseArgs<RMSNormOptions>(this.type, ['eps', 'useWeight', 'useBias', 'dtype'], rest);
    const s = typeof shape === 'number' ? [shape] : [...shape];
    const useWeight = o.useWeight ?? true;
    const useBias = o.useBias ?? true;
    const dtype = o.dtype ?? 'float32';
    Object.assign(this, {
      shape: s,
      eps: o.eps ?? 1e-5,
      useWeight,
      useBias,
      ...wholeAffine(s, useWeight, useBias, dtype),
    });
    Object.freeze(this);
  }

  get type(): string {
    return 'RMSNorm';
  }

  treeFields(): readonly TreeField[] {
    return FIELDS;
  }

  protected checkExample(shape: readonly number[]): void {
    checkWhole(this.type, this.shape, shape);
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
