import { InteropError, Tensor } from '@interop/core';
import type { DType, DropoutIR } from '@interop/core';
import { bernoulli } from '@interop/runtime';
import type { KeyLike } from '@interop/runtime';
import { parseArgs } from '../args.js';
import type { Args } from '../args.js';
import { floatOf } from '../dtypes.js';
import { Layer } from '../module.js';
import type { TreeField } from '../module.js';

/** Keyword arguments of {@link Dropout}. */
export interface DropoutOptions {
  /** @default 0.5 */
  p?: number;
  /** @default false */
  inference?: boolean;
  /** Deprecated alias of `inference`. */
  deterministic?: boolean | null;
}

/** Options of {@link Dropout.call}. */
export interface DropoutCallOptions {
  key?: KeyLike | null;
  inference?: boolean | null;
  deterministic?: boolean | null;
}

const FIELDS: readonly TreeField[] = [
  ['p', 'p'],
  ['inference', 'inference'],
];

/**
 * `eqx.nn.Dropout(p=0.5, inference=False)`: identity in inference (or when `p` is 0);
 * otherwise keeps each element with probability `1 - p` (`jax.random.bernoulli(key, 1 - p)`)
 * and scales it by `1 / (1 - p)`. `p` and `inference` are leaves (saved as 0-d arrays).
 *
 * @example
 * ```ts
 * new Dropout(0.3, true).call(x); // x
 * new Dropout(0.3).call(x, { key: key(1) }); // masked
 * ```
 */
export class Dropout extends Layer {
  declare readonly p: number;
  declare readonly inference: boolean;

  constructor(...rest: Args<[p: number, inference: boolean], DropoutOptions>) {
    super();
    const o = parseArgs<DropoutOptions>('Dropout', ['p', 'inference'], rest, ['deterministic']);
    Object.assign(this, { p: o.p ?? 0.5, inference: o.deterministic ?? o.inference ?? false });
    Object.freeze(this);
  }

  get type(): string {
    return 'Dropout';
  }

  treeFields(): readonly TreeField[] {
    return FIELDS;
  }

  toIR(): DropoutIR {
    return { kind: 'dropout', params: { rate: this.p }, tensors: {} };
  }

  protected resultDtype(x: Tensor): DType {
    return floatOf(x);
  }

  /** `dropout(x, key=..., inference=...)`. */
  call(x: Tensor, options: DropoutCallOptions = {}): Tensor {
    return this.apply(x, x.shape, options);
  }

  /** `jax.vmap(dropout)(xs)`; a given key is shared by every example (not mapped over). */
  callBatch(xs: Tensor, options: DropoutCallOptions = {}): Tensor {
    return this.apply(xs, xs.shape.slice(1), options);
  }

  private apply(x: Tensor, example: readonly number[], options: DropoutCallOptions): Tensor {
    const inference = this.p === 0 || (options.deterministic ?? options.inference ?? this.inference);
    if (inference) return x;
    if (options.key === undefined || options.key === null) {
      throw new InteropError('E_INVALID_ARGUMENT', 'Dropout requires a key when running in non-deterministic mode.');
    }
    const q = Math.fround(1 - this.p);
    const mask = bernoulli(options.key, q, example).data as Uint8Array;
    const xs = x.toFloat32();
    const out = new Float32Array(xs.length);
    for (let i = 0; i < xs.length; i++) out[i] = mask[i % mask.length] ? Math.fround(xs[i]! / q) : 0;
    return Tensor.fromArray(out, x.shape, floatOf(x));
  }
}
