import { InteropError, Tensor, transpose } from '@interop/core';
import type { DType, LinearIR } from '@interop/core';
import { parseArgs } from '../args.js';
import type { Args } from '../args.js';
import { promote } from '../dtypes.js';
import { Layer } from '../module.js';
import type { TreeField } from '../module.js';
import { requireKey } from './common.js';
import type { CallOptions, DtypeOption, KeyOption } from './common.js';
import { linearInit } from './default-init.js';

/** Keyword arguments of {@link Linear}. */
export interface LinearOptions extends KeyOption, DtypeOption {
  /** @default true */
  useBias?: boolean;
}

/** An in/out size, or `'scalar'` for a shape `()` input or output. */
export type Features = number | 'scalar';

const FIELDS: readonly TreeField[] = [
  ['weight', 'weight'],
  ['bias', 'bias'],
];

/**
 * `eqx.nn.Linear`: `y = weight @ x + bias`, weight `(out, in)` and bias `(out,)` drawn
 * uniform(±1/sqrt(in)) from `split(key)`, exactly as Equinox does for the same key.
 *
 * @example
 * ```ts
 * const linear = new Linear(3, 5, { key: key(0) });
 * const y = linear.call(x); // x of shape [3]
 * ```
 */
export class Linear extends Layer {
  declare readonly weight: Tensor;
  declare readonly bias: Tensor | null;
  declare readonly inFeatures: Features;
  declare readonly outFeatures: Features;
  declare readonly useBias: boolean;

  constructor(inFeatures: Features, outFeatures: Features, ...rest: Args<[useBias: boolean, dtype: DType | null], LinearOptions>) {
    super();
    const o = parseArgs<LinearOptions>('Linear', ['useBias', 'dtype'], rest, ['key']);
    const useBias = o.useBias ?? true;
    const inN = inFeatures === 'scalar' ? 1 : inFeatures;
    const outN = outFeatures === 'scalar' ? 1 : outFeatures;
    const init = linearInit(requireKey('Linear', o), inN, outN, { useBias, dtype: o.dtype ?? 'float32' });
    Object.assign(this, { weight: init.weight, bias: init.bias, inFeatures, outFeatures, useBias });
    Object.freeze(this);
  }

  get type(): string {
    return 'Linear';
  }

  treeFields(): readonly TreeField[] {
    return FIELDS;
  }

  toIR(): LinearIR {
    const [outN, inN] = this.weight.shape as [number, number];
    return {
      kind: 'linear',
      params: { inFeatures: inN, outFeatures: outN },
      tensors: this.bias ? { kernel: transpose(this.weight, [1, 0]), bias: this.bias } : { kernel: transpose(this.weight, [1, 0]) },
    };
  }

  protected resultDtype(x: Tensor): DType {
    return promote([x, this.weight, this.bias]);
  }

  /** `linear(x)` for one example: `x` of shape `(in,)`, or `()` when `in_features='scalar'`. */
  call(x: Tensor, _options: CallOptions = {}): Tensor {
    this.checkRank(x, 0);
    return this.callBatch(x.reshape([1, ...x.shape]), _options).reshape(this.outFeatures === 'scalar' ? [] : [this.weight.shape[0]!]);
  }

  /** `jax.vmap(linear)(xs)`: `xs` of shape `(batch, in)`. */
  callBatch(xs: Tensor, _options: CallOptions = {}): Tensor {
    this.checkRank(xs, 1);
    const n = xs.shape[0]!;
    const y = this.runBatch(this.inFeatures === 'scalar' ? xs.reshape([n, 1]) : xs);
    return this.outFeatures === 'scalar' ? y.reshape([n]) : y;
  }

  private checkRank(x: Tensor, lead: number): void {
    const want = this.inFeatures === 'scalar' ? 0 : 1;
    if (x.ndim - lead !== want || (want === 1 && x.shape[lead] !== this.weight.shape[1])) {
      throw new InteropError(
        'E_SHAPE_MISMATCH',
        `Linear expects one example of shape (${want ? this.weight.shape[1] : ''})${lead ? ' under a batch axis' : ''}`,
        {
          found: `[${x.shape.join(', ')}]`,
          fix: lead ? undefined : 'For a batch, use vmap(linear)(xs)',
        },
      );
    }
  }
}
