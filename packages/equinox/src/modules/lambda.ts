import { InteropError } from '@interop/core';
import type { ActivationFn, ActivationIR, DType, FlattenIR, SoftmaxIR, Tensor } from '@interop/core';
import { floatOf } from '../dtypes.js';
import { Layer } from '../module.js';
import type { ToIROptions, TreeField } from '../module.js';
import type { CallOptions } from './common.js';

/**
 * A function name as a spec's `fn` spells it: a `jax.nn` activation, `log_softmax`
 * (`jax.nn.log_softmax`, last axis) or `ravel` (`jnp.ravel`).
 */
export type JaxNnName =
  | 'relu'
  | 'gelu'
  | 'silu'
  | 'swish'
  | 'tanh'
  | 'sigmoid'
  | 'softplus'
  | 'elu'
  | 'leaky_relu'
  | 'identity'
  | 'log_softmax'
  | 'ravel';

/** What a Lambda computes: an IR activation, `jnp.ravel` or `jax.nn.log_softmax`. */
export type LambdaFn = ActivationFn | 'ravel' | 'log_softmax';

/** Keyword arguments of the wrapped function (`partial(jax.nn.gelu, approximate=False)`). */
export interface LambdaOptions {
  /** gelu: tanh form when true. @default true (jax.nn.gelu's default) */
  approximate?: boolean;
  /** leaky_relu's slope. @default 0.01 */
  negativeSlope?: number;
  /** elu's alpha. @default 1 */
  alpha?: number;
}

const SIMPLE: Record<string, ActivationFn> = {
  relu: 'relu',
  silu: 'silu',
  swish: 'silu',
  tanh: 'tanh',
  sigmoid: 'sigmoid',
  softplus: 'softplus',
  identity: 'identity',
};

/**
 * `eqx.nn.Lambda(fn)` around a `jax.nn` activation (elementwise, in the input's dtype), or the
 * functions Equinox users put in a list of layers: `jnp.ravel` (flattens the channels-first
 * example in C·H·W order) and `jax.nn.log_softmax` (over the example's last axis). It holds no
 * arrays (its `fn` is not an array leaf).
 *
 * @example
 * ```ts
 * new Sequential([new Linear(3, 8, { key }), new Lambda('relu'), new Linear(8, 2, { key: k2 })]);
 * new Lambda('gelu', { approximate: false });
 * new Lambda('ravel').call(x).shape; // [C * H * W] for x of shape [C, H, W]
 * ```
 */
export class Lambda extends Layer {
  declare readonly fn: LambdaFn;
  declare readonly alpha: number | undefined;

  constructor(fn: JaxNnName, options: LambdaOptions = {}) {
    super();
    let ir: LambdaFn;
    let alpha: number | undefined;
    if (fn === 'gelu') ir = options.approximate === false ? 'gelu' : 'gelu_tanh';
    else if (fn === 'elu') [ir, alpha] = ['elu', options.alpha ?? 1];
    else if (fn === 'leaky_relu') [ir, alpha] = ['leaky_relu', options.negativeSlope ?? 0.01];
    else if (fn === 'ravel' || fn === 'log_softmax') ir = fn;
    else if (fn in SIMPLE) ir = SIMPLE[fn]!;
    else
      throw new InteropError('E_INVALID_ARGUMENT', `Lambda: '${String(fn)}' is not a jax.nn activation this package computes`, {
        expected: Object.keys(SIMPLE).concat('gelu', 'elu', 'leaky_relu', 'log_softmax', 'ravel').join(', '),
      });
    Object.assign(this, { fn: ir, alpha });
    Object.freeze(this);
  }

  get type(): string {
    return 'Lambda';
  }

  treeFields(): readonly TreeField[] {
    return [];
  }

  /**
   * The IR op: an activation; `flatten` for `ravel` (in Equinox's C·H·W order: see the adapter's
   * `flattenOrder`); `softmax` for `log_softmax`, whose last Equinox axis is axis -2 of a
   * channels-last example of rank 2 or more, so it needs `inputShape`.
   *
   * @throws {InteropError} E_MISSING_ARCH for `log_softmax` without an input shape.
   */
  toIR(options: ToIROptions = {}): ActivationIR | FlattenIR | SoftmaxIR {
    if (this.fn === 'ravel') return { kind: 'flatten', params: {}, tensors: {} };
    if (this.fn === 'log_softmax') {
      const rank = options.inputShape?.length;
      if (rank === undefined) {
        throw new InteropError(
          'E_MISSING_ARCH',
          "Lambda(jax.nn.log_softmax) works on the example's last Equinox axis, whose channels-last axis depends on the rank, which is unknown here",
          {
            fix: 'Pass a sample input (--sample-input, or sampleInput in the API)',
          },
        );
      }
      return { kind: 'softmax', params: { axis: rank >= 2 ? -2 : -1, log: true }, tensors: {} };
    }
    return { kind: 'activation', params: this.alpha === undefined ? { fn: this.fn } : { fn: this.fn, alpha: this.alpha }, tensors: {} };
  }

  protected resultDtype(x: Tensor): DType {
    return floatOf(x);
  }

  /** `fn(x)` for one example. */
  call(x: Tensor, _options: CallOptions = {}): Tensor {
    return this.fn === 'ravel' ? x.reshape([x.size]) : this.runOne(x);
  }

  /** `jax.vmap(lambda_)(xs)`. */
  callBatch(xs: Tensor, _options: CallOptions = {}): Tensor {
    return this.fn === 'ravel' ? xs.reshape([xs.shape[0]!, xs.shape.slice(1).reduce((a, b) => a * b, 1)]) : this.runBatch(xs);
  }
}
