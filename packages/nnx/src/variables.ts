import { InteropError, Tensor } from '@interop/core';

/**
 * `nnx.Variable`: a box around one array that a module owns. `value` may be replaced (that is
 * how `replaceByPureDict` and training updates reach the model).
 *
 * @example
 * ```ts
 * const linear = new Linear(4, 8, { rngs: new Rngs(0) });
 * linear.kernel.value; // the Tensor
 * ```
 */
export class Variable {
  constructor(public value: Tensor) {
    if (!(value instanceof Tensor)) throw new InteropError('E_INVALID_ARGUMENT', 'a Variable holds a Tensor', { found: typeof value });
  }

  /** Python's class name (`Param`, `BatchStat`). */
  get type(): string {
    return (this.constructor as { typeName?: string }).typeName ?? 'Variable';
  }
}

/**
 * `nnx.Param`: a trainable parameter (kernel, bias, scale, embedding).
 *
 * @example
 * ```ts
 * state(model, Param); // only the parameters
 * ```
 */
export class Param extends Variable {
  static readonly typeName = 'Param';
}

/**
 * `nnx.BatchStat`: a running statistic (`BatchNorm`'s `mean` and `var`).
 *
 * @example
 * ```ts
 * state(model, BatchStat); // { mean, var } of every BatchNorm
 * ```
 */
export class BatchStat extends Variable {
  static readonly typeName = 'BatchStat';
}
