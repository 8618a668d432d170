import { InteropError } from '@interop/core';
import type { ActivationFn, ActivationIR, DType, Tensor } from '@interop/core';
import { floatOf } from '../dtypes.js';
import { Layer } from '../module.js';
import type { TreeField } from '../module.js';
import type { CallOptions } from './common.js';

/** A `jax.nn` function name as a spec's `fn` spells it. */
export type JaxNnName = 'relu' | 'gelu' | 'silu' | 'swish' | 'tanh' | 'sigmoid' | 'softplus' | 'elu' | 'leaky_relu' | 'identity';

/** Keyword arguments of the wrapped function (`partial(jax.nn.gelu, approximate=False)`). */
export interface LambdaOptions {
  /** gelu: tanh form when true. @default true (jax.nn.gelu's default) */
  approximate?: boolean;
  /** leaky_relu's slope. @default 0.01 */
  negativeSlope?: number;
  /** elu's alpha. @default 1 */
  alpha?: number;
}

const SIMPLE: Record<string, ActivationFn> = { relu: 'relu', silu: 'silu', swish: 'silu', tanh: 'tanh', sigmoid: 'sigmoid', softplus: 'softplus', identity: 'identity' };

/**
 * `eqx.nn.Lambda(fn)` around a `jax.nn` activation. It holds no arrays (its `fn` is not an
 * array leaf) and computes elementwise in the input's dtype.
 *
 * @example
 * ```ts
 * new Sequential([new Linear(3, 8, { key }), new Lambda('relu'), new Linear(8, 2, { key: k2 })]);
 * new Lambda('gelu', { approximate: false });
 * ```
 */
export class Lambda extends Layer {
  declare readonly fn: ActivationFn;
  declare readonly alpha: number | undefined;

  constructor(fn: JaxNnName, options: LambdaOptions = {}) {
    super();
    let ir: ActivationFn;
    let alpha: number | undefined;
    if (fn === 'gelu') ir = options.approximate === false ? 'gelu' : 'gelu_tanh';
    else if (fn === 'elu') [ir, alpha] = ['elu', options.alpha ?? 1];
    else if (fn === 'leaky_relu') [ir, alpha] = ['leaky_relu', options.negativeSlope ?? 0.01];
    else if (fn in SIMPLE) ir = SIMPLE[fn]!;
    else throw new InteropError('E_INVALID_ARGUMENT', `Lambda: '${String(fn)}' is not a jax.nn activation this package computes`, { expected: Object.keys(SIMPLE).concat('gelu', 'elu', 'leaky_relu').join(', ') });
    Object.assign(this, { fn: ir, alpha });
    Object.freeze(this);
  }

  get type(): string {
    return 'Lambda';
  }

  treeFields(): readonly TreeField[] {
    return [];
  }

  toIR(): ActivationIR {
    return { kind: 'activation', params: this.alpha === undefined ? { fn: this.fn } : { fn: this.fn, alpha: this.alpha }, tensors: {} };
  }

  protected resultDtype(x: Tensor): DType {
    return floatOf(x);
  }

  /** `fn(x)` for one example. */
  call(x: Tensor, _options: CallOptions = {}): Tensor {
    return this.runOne(x);
  }

  /** `jax.vmap(lambda_)(xs)`. */
  callBatch(xs: Tensor, _options: CallOptions = {}): Tensor {
    return this.runBatch(xs);
  }
}
