import { InteropError } from '@interop/core';
import type { LayerIR, Tensor } from '@interop/core';
import { Module } from '../module.js';
import type { AnyModule } from '../module.js';

/** What a `Sequential` holds: modules, or plain functions of one tensor (run, not converted). */
export type Layer = AnyModule | ((x: Tensor) => Tensor);

/**
 * `flax.nnx.Sequential(*fns)`: calls each layer on the previous output. State paths are
 * `layers/<i>/...` with `i` the position in `layers`, functions included; with no layers the
 * input comes back, as in NNX.
 *
 * @example
 * ```ts
 * const rngs = new Rngs(0);
 * const mlp = new Sequential(new Linear(3, 6, { rngs }), relu, new Linear(6, 2, { rngs }));
 * const y = mlp.call(x);
 * ```
 */
export class Sequential extends Module {
  readonly type = 'Sequential';
  readonly layers: Layer[];

  constructor(...layers: Layer[]) {
    super();
    for (const [i, l] of layers.entries()) {
      if (!(l instanceof Module) && typeof l !== 'function') {
        throw new InteropError('E_INVALID_ARGUMENT', `Sequential layer ${i} is neither a module nor a function`, { found: typeof l });
      }
    }
    this.layers = layers;
  }

  toIR(): LayerIR {
    throw new InteropError('E_UNSUPPORTED_STRUCTURE', 'a Sequential has no single-layer IR; convert it through the registry');
  }

  override call(x: Tensor): Tensor {
    return this.layers.reduce<Tensor>((y, l) => (l instanceof Module ? (l.call(y) as Tensor) : l(y)), x);
  }
}
