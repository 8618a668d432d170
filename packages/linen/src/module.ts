import type { LayerIR, Tensor } from '@interop/core';
import { createLinenScope, runIR } from '@interop/runtime';
import type { KeyLike, LinenRngScope } from '@interop/runtime';
import type { Variables } from './variables.js';

/**
 * A Linen module: a definition without weights. `init` makes its variables for a sample input,
 * `apply` runs it on variables; forward math is the layer's IR run by `@interop/runtime`.
 *
 * @example
 * ```ts
 * const variables = new Dense(8).init(key(0), x);
 * const y = new Dense(8).apply(variables, x);
 * ```
 */
export abstract class Module {
  /** Python's class name, as in a spec's `type`. */
  abstract readonly type: string;

  /** Creates the variables for an unbatched input shape, drawing keys from `scope`. */
  abstract initVariables(scope: LinenRngScope, inputShape: readonly number[]): Variables;

  /** The layer's IR for `variables` and an unbatched input shape (when known). */
  abstract toIR(variables: Variables, inputShape?: readonly number[]): LayerIR;

  /** `module.init(key, x)`: Linen's key derivation, the root key never split. */
  init(rng: KeyLike, x: Tensor): Variables {
    return this.initVariables(createLinenScope(rng), x.shape.slice(1));
  }

  /** `module.apply(variables, x)` in inference mode; `x` is batched. */
  apply(variables: Variables, x: Tensor): Tensor {
    return runIR(this.toIR(variables, x.shape.slice(1)), x);
  }
}
