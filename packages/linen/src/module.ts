import { inferOutputShape } from '@interop/core';
import type { LayerIR, Tensor } from '@interop/core';
import { FlaxModule } from '@interop/flax';
import { runIR } from '@interop/runtime';
import type { KeyLike } from '@interop/runtime';
import { castTo, resultDtype } from './dtypes.js';
import { createLinenScope } from './rng-scope.js';
import type { LinenRngScope } from './rng-scope.js';
import type { Variables } from './variables.js';

/**
 * A Linen module: a definition without weights (its class name and dtypes are `@interop/flax`'s
 * `FlaxModule`). `init` makes its variables for sample call arguments, `apply` runs it on variables; forward math is the layer's IR run by
 * `@interop/runtime`. `Args` are `__call__`'s arguments after the variables (the input last),
 * `Out` what it returns.
 *
 * @example
 * ```ts
 * const variables = new Dense(8).init(key(0), x);
 * const y = new Dense(8).apply(variables, x);
 * ```
 */
export abstract class Module<Args extends unknown[] = [x: Tensor], Out = Tensor> extends FlaxModule {
  /** Creates the variables for an unbatched input shape, drawing keys from `scope`. */
  abstract initVariables(scope: LinenRngScope, inputShape: readonly number[]): Variables;

  /** The layer's IR for `variables` and an unbatched input shape (when known). */
  abstract toIR(variables: Variables, inputShape?: readonly number[]): LayerIR;

  /** The unbatched output shape for an unbatched input shape. */
  outputShape(variables: Variables, inputShape: readonly number[]): number[] {
    return inferOutputShape(this.toIR(variables, inputShape), [...inputShape]);
  }

  /** `module.init(key, ...args)`: Linen's key derivation, the root key never split. */
  init(rng: KeyLike, ...args: Args): Variables {
    const x = args[args.length - 1] as Tensor;
    return this.initVariables(createLinenScope(rng), x.shape.slice(1));
  }

  /** `module.apply(variables, ...args)` in inference mode; the input is batched. */
  apply(variables: Variables, ...args: Args): Out {
    const x = args[args.length - 1] as Tensor;
    const y = runIR(this.toIR(variables, x.shape.slice(1)), x);
    return castTo(y, resultDtype(this.dtype, [x], variables.params)) as Out;
  }
}

/**
 * Any Linen module, whatever its call signature.
 *
 * @example
 * ```ts
 * const modules: AnyModule[] = [new Dense(8), new LSTMCell(4)];
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the common supertype of all call signatures
export type AnyModule = Module<any, any>;
