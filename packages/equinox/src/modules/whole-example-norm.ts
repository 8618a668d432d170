import { InteropError, Tensor } from '@interop/core';
import type { DType } from '@interop/core';
import { toChannelsLast } from '../layout.js';
import type { TreeField } from '../module.js';
import { Norm } from './norm-base.js';

const FIELDS: readonly TreeField[] = [
  ['weight', 'weight'],
  ['bias', 'bias'],
];

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
export function wholeAffine(
  shape: readonly number[],
  useWeight: boolean,
  useBias: boolean,
  dtype: DType,
): { weight: Tensor | null; bias: Tensor | null } {
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

/** The arguments LayerNorm and RMSNorm share, as parsed from their calls. */
export interface WholeExampleNormOptions {
  eps?: number;
  useWeight?: boolean;
  useBias?: boolean;
  dtype?: DType | null;
}

/**
 * A norm over the whole example (LayerNorm, RMSNorm): `shape` is one example's, `weight` ones and
 * `bias` zeros of that shape (each `null` when unused), `eps` 1e-5 by default.
 *
 * @example
 * ```ts
 * class MyNorm extends WholeExampleNorm { ... }
 * ```
 */
export abstract class WholeExampleNorm extends Norm {
  declare readonly shape: number[];
  declare readonly eps: number;
  declare readonly useWeight: boolean;
  declare readonly useBias: boolean;
  declare readonly weight: Tensor | null;
  declare readonly bias: Tensor | null;

  protected constructor(shape: number | readonly number[], o: WholeExampleNormOptions) {
    super();
    const s = typeof shape === 'number' ? [shape] : [...shape];
    const useWeight = o.useWeight ?? true;
    const useBias = o.useBias ?? true;
    Object.assign(this, {
      shape: s,
      eps: o.eps ?? 1e-5,
      useWeight,
      useBias,
      ...wholeAffine(s, useWeight, useBias, o.dtype ?? 'float32'),
    });
    Object.freeze(this);
  }

  treeFields(): readonly TreeField[] {
    return FIELDS;
  }

  protected checkExample(shape: readonly number[]): void {
    checkWhole(this.type, this.shape, shape);
  }
}
