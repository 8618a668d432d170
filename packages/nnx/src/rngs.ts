import { InteropError, Tensor, isKeywordArguments } from '@interop/core';
import { Rngs as RuntimeRngs } from '@interop/runtime';
import type { FloatDType, Initializer, KeyLike } from '@interop/runtime';
import { Param } from './variables.js';

type Seed = number | KeyLike;

/**
 * `nnx.Rngs`: named key streams, each a base key and a counter (`fold_in(key, count)` per draw);
 * a stream that does not exist falls back to `default`. `nnx.Rngs(0)` is `new Rngs(0)`,
 * `nnx.Rngs(0, dropout=1)` is `new Rngs(0, { dropout: 1 })`, `nnx.Rngs(params=0)` is
 * `new Rngs({ params: 0 })`; Python's `rngs()` is `rngs.default()`.
 *
 * @example
 * ```ts
 * const linear = new Linear(4, 8, { rngs: new Rngs(0) }); // the weights of nnx.Linear(4, 8, rngs=nnx.Rngs(0))
 * ```
 */
export class Rngs extends RuntimeRngs {
  constructor(seed?: Seed | Record<string, Seed>, streams: Record<string, Seed> = {}) {
    const named = isKeywordArguments(seed) ? (seed as Record<string, Seed>) : {};
    const base: Record<string, Seed> = seed === undefined || isKeywordArguments(seed) ? {} : { default: seed as Seed };
    super({ ...base, ...named, ...streams });
  }
}

/** Stands in for `rngs` when a module is built only to receive weights (no keys drawn). */
export class ShapeOnlyRngs extends RuntimeRngs {
  constructor() {
    super({});
  }
}

/** The rngs that `fromIR`, `merge` and files use to build a module whose values come next. */
export const SHAPE_ONLY: RuntimeRngs = new ShapeOnlyRngs();

/** The `rngs` keyword, required as in NNX. */
export function requireRngs(callee: string, rngs: RuntimeRngs | undefined): RuntimeRngs {
  if (!(rngs instanceof RuntimeRngs)) {
    throw new InteropError('E_INVALID_ARGUMENT', `${callee} needs its keyword argument "rngs"`, { fix: `new ${callee}(..., { rngs: new Rngs(0) })` });
  }
  return rngs;
}

/** A `Param` drawn as NNX draws it: one `rngs.params()` key, then the initializer. */
export function initParam(rngs: RuntimeRngs, init: Initializer, shape: readonly number[], dtype: FloatDType): Param {
  if (rngs instanceof ShapeOnlyRngs) return new Param(Tensor.zeros([...shape], dtype));
  return new Param(init(rngs.params(), [...shape], dtype));
}
