import type { ActivationFn, ActivationIR, Tensor } from '@interop/core';
import type { FloatDType } from '@interop/runtime';
import { ElementWiseBlock } from '../module.js';
import { runBatched } from '../run.js';

/**
 * An elementwise function in a Sequential: BrainState's activation layers (`ReLU()`, `GELU()`,
 * ...) and the plain functions Python puts in a stack (`jax.nn.relu`). `specType` is what a spec
 * calls it (`'ReLU'` or `'relu'`).
 *
 * @example
 * ```ts
 * new Sequential(new Linear(3, 6), new ReLU(), new Linear(6, 2));
 * ```
 */
export class Activation extends ElementWiseBlock {
  readonly type: string = 'Activation';

  constructor(
    readonly fn: ActivationFn,
    readonly alpha?: number,
    readonly specType: string = fn,
  ) {
    super();
  }

  toIR(): ActivationIR {
    return { kind: 'activation', params: this.alpha === undefined ? { fn: this.fn } : { fn: this.fn, alpha: this.alpha }, tensors: {} };
  }

  call(x: Tensor): Tensor {
    return runBatched(this.toIR(), x, 0, x.dtype as FloatDType);
  }
}

/**
 * `brainstate.nn.ReLU()`.
 *
 * @example
 * ```ts
 * new ReLU().call(x);
 * ```
 */
export class ReLU extends Activation {
  override readonly type = 'ReLU';
  constructor() {
    super('relu', undefined, 'ReLU');
  }
}

/**
 * `brainstate.nn.Sigmoid()`.
 *
 * @example
 * ```ts
 * new Sigmoid().call(x);
 * ```
 */
export class Sigmoid extends Activation {
  override readonly type = 'Sigmoid';
  constructor() {
    super('sigmoid', undefined, 'Sigmoid');
  }
}

/**
 * `brainstate.nn.Tanh()`.
 *
 * @example
 * ```ts
 * new Tanh().call(x);
 * ```
 */
export class Tanh extends Activation {
  override readonly type = 'Tanh';
  constructor() {
    super('tanh', undefined, 'Tanh');
  }
}

/**
 * `brainstate.nn.SiLU()` (swish).
 *
 * @example
 * ```ts
 * new SiLU().call(x);
 * ```
 */
export class SiLU extends Activation {
  override readonly type = 'SiLU';
  constructor() {
    super('silu', undefined, 'SiLU');
  }
}

/**
 * `brainstate.nn.Softplus()`.
 *
 * @example
 * ```ts
 * new Softplus().call(x);
 * ```
 */
export class Softplus extends Activation {
  override readonly type = 'Softplus';
  constructor() {
    super('softplus', undefined, 'Softplus');
  }
}

/**
 * `brainstate.nn.Identity()`.
 *
 * @example
 * ```ts
 * new Identity().call(x); // x
 * ```
 */
export class Identity extends Activation {
  override readonly type = 'Identity';
  constructor() {
    super('identity', undefined, 'Identity');
  }
}

/**
 * `brainstate.nn.ELU(alpha=1.0)`.
 *
 * @example
 * ```ts
 * new ELU(0.5).call(x);
 * ```
 */
export class ELU extends Activation {
  override readonly type = 'ELU';
  constructor(alpha: number | { alpha?: number } = 1) {
    super('elu', typeof alpha === 'number' ? alpha : (alpha.alpha ?? 1), 'ELU');
  }
}

/**
 * `brainstate.nn.LeakyReLU(negative_slope=0.01)`.
 *
 * @example
 * ```ts
 * new LeakyReLU(0.2).call(x);
 * ```
 */
export class LeakyReLU extends Activation {
  override readonly type = 'LeakyReLU';
  constructor(negativeSlope: number | { negativeSlope?: number } = 0.01) {
    super('leaky_relu', typeof negativeSlope === 'number' ? negativeSlope : (negativeSlope.negativeSlope ?? 0.01), 'LeakyReLU');
  }
}

/**
 * `brainstate.nn.GELU(approximate=False)`: the erf form unless `approximate` (tanh form).
 *
 * @example
 * ```ts
 * new GELU(true).call(x);
 * ```
 */
export class GELU extends Activation {
  override readonly type = 'GELU';
  readonly approximate: boolean;
  constructor(approximate: boolean | { approximate?: boolean } = false) {
    const a = typeof approximate === 'boolean' ? approximate : (approximate.approximate ?? false);
    super(a ? 'gelu_tanh' : 'gelu', undefined, 'GELU');
    this.approximate = a;
  }
}
