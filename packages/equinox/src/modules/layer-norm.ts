import { InteropError, Tensor } from '@interop/core';
import type { DType, LayerNormIR } from '@interop/core';
import { parseArgs } from '../args.js';
import type { Args } from '../args.js';
import { shapeChannelsLast, toChannelsLast } from '../layout.js';
import type { TreeField } from '../module.js';
import { Norm } from './norm-base.js';

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

const FIELDS: readonly TreeField[] = [['weight', 'weight'], ['bias', 'bias']];

/**
 * A filled array of `shape`.
 *
 * @example
 * ```ts
 * filled([6], 1, 'float32');
 * ```
 */
export function filled(shape: readonly number[], value: number, dtype: DType): Tensor {
  return Tensor.fromArray(new Array<number>(shape.reduce((a, b) => a * b, 1)).fill(value), shape, dtype);
}

/**
 * The affine fields of a norm over the whole example (LayerNorm, RMSNorm): `weight` ones and
 * `bias` zeros of `shape`, each `null` when unused.
 *
 * @example
 * ```ts
 * wholeAffine([6], true, false, 'float32'); // { weight: ones(6), bias: null }
 * ```
 */
export function wholeAffine(shape: readonly number[], useWeight: boolean, useBias: boolean, dtype: DType): { weight: Tensor | null; bias: Tensor | null } {
  return { weight: useWeight ? filled(shape, 1, dtype) : null, bias: useBias ? filled(shape, 0, dtype) : null };
}

/**
 * A whole-example norm's `weight` / `bias` as the IR's `scale` / `bias`, moved channels-last.
 *
 * @example
 * ```ts
 * affineToIR(norm.weight, norm.bias); // { scale, bias } in IR layout
 * ```
 */
export function affineToIR(weight: Tensor | null, bias: Tensor | null): { scale?: Tensor; bias?: Tensor } {
  return { ...(weight ? { scale: toChannelsLast(weight) } : {}), ...(bias ? { bias: toChannelsLast(bias) } : {}) };
}

/**
 * Throws unless `shape` equals the norm's `shape`, as Equinox's invariant `shape == x.shape`.
 *
 * @example
 * ```ts
 * checkWhole('LayerNorm', [6], x.shape);
 * ```
 */
export function checkWhole(layer: string, want: readonly number[], got: readonly number[]): void {
  if (want.length !== got.length || want.some((d, i) => d !== got[i])) {
    throw new InteropError('E_SHAPE_MISMATCH', `\`${layer}(shape)(x)\` must satisfy the invariant \`shape == x.shape\``, {
      expected: `[${want.join(', ')}]`,
      found: `[${got.join(', ')}]`,
      fix: 'For a batch, use vmap(norm)(xs)',
    });
  }
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
export class LayerNorm extends Norm {
  declare readonly shape: number[];
  declare readonly eps: number;
  declare readonly useWeight: boolean;
  declare readonly useBias: boolean;
  declare readonly weight: Tensor | null;
  declare readonly bias: Tensor | null;

  constructor(shape: number | readonly number[], ...rest: Args<[eps: number, useWeight: boolean, useBias: boolean, dtype: DType | null], LayerNormOptions>) {
    super();
    const o = parseArgs<LayerNormOptions>(this.type, ['eps', 'useWeight', 'useBias', 'dtype'], rest, ['elementwiseAffine']);
    const s = typeof shape === 'number' ? [shape] : [...shape];
    const affine = o.elementwiseAffine ?? undefined;
    const useWeight = affine ?? o.useWeight ?? true;
    const useBias = affine ?? o.useBias ?? true;
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
    return 'LayerNorm';
  }

  treeFields(): readonly TreeField[] {
    return FIELDS;
  }

  protected checkExample(shape: readonly number[]): void {
    checkWhole(this.type, this.shape, shape);
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
