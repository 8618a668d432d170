import { InteropError, Tensor, isKeywordArguments } from '@interop/core';
import type { FloatDType, Initializer, KeyArray, KeyLike } from '@interop/runtime';
import { RngStream } from './rng-stream.js';
import { Param } from './variables.js';

type Seed = number | KeyLike;

/**
 * `nnx.Rngs`: named key streams ({@link RngStream}), each a base key and a counter
 * (`fold_in(key, count)` per draw); a stream that does not exist falls back to `default`.
 * `nnx.Rngs(0)` is `new Rngs(0)`, `nnx.Rngs(0, dropout=1)` is `new Rngs(0, { dropout: 1 })`,
 * `nnx.Rngs(params=0)` is `new Rngs({ params: 0 })`; Python's `rngs()` is `rngs.default()`.
 *
 * @example
 * ```ts
 * const linear = new Linear(4, 8, { rngs: new Rngs(0) }); // the weights of nnx.Linear(4, 8, rngs=nnx.Rngs(0))
 * ```
 */
export class Rngs {
  /** The streams by name. */
  readonly streams: ReadonlyMap<string, RngStream>;

  constructor(seed?: Seed | Record<string, Seed>, streams: Record<string, Seed> = {}) {
    const named = isKeywordArguments(seed) ? (seed as Record<string, Seed>) : {};
    const base: Record<string, Seed> = seed === undefined || isKeywordArguments(seed) ? {} : { default: seed as Seed };
    this.streams = new Map(Object.entries({ ...base, ...named, ...streams }).map(([tag, s]) => [tag, new RngStream(s, tag)]));
  }

  /**
   * The stream `name`, or `default` when there is none.
   *
   * @throws {InteropError} E_INVALID_ARGUMENT when neither exists.
   */
  stream(name: string): RngStream {
    const s = this.streams.get(name) ?? this.streams.get('default');
    if (!s) {
      throw new InteropError('E_INVALID_ARGUMENT', `No RngStream named '${name}' found in Rngs`, {
        found: [...this.streams.keys()],
        fix: "Create the Rngs with that stream or with a 'default' one.",
      });
    }
    return s;
  }

  /** Next key of stream `name` (falls back to `default`). */
  next(name = 'default'): KeyArray {
    return this.stream(name).next();
  }

  /** Next key of the `params` stream (layers draw kernels and biases from it). */
  params(): KeyArray {
    return this.next('params');
  }

  /** Next key of the `dropout` stream. */
  dropout(): KeyArray {
    return this.next('dropout');
  }

  /** Next key of the `default` stream (`rngs()` in flax). */
  default(): KeyArray {
    return this.next('default');
  }
}

/** Stands in for `rngs` when a module is built only to receive weights (no keys drawn). */
export class ShapeOnlyRngs extends Rngs {
  constructor() {
    super({});
  }
}

/** The rngs that `fromIR`, `merge` and files use to build a module whose values come next. */
export const SHAPE_ONLY: Rngs = new ShapeOnlyRngs();

/** The `rngs` keyword, required as in NNX. */
export function requireRngs(callee: string, rngs: Rngs | undefined): Rngs {
  if (!(rngs instanceof Rngs)) {
    throw new InteropError('E_INVALID_ARGUMENT', `${callee} needs its keyword argument "rngs"`, {
      fix: `new ${callee}(..., { rngs: new Rngs(0) })`,
    });
  }
  return rngs;
}

/** A `Param` drawn as NNX draws it: one `rngs.params()` key, then the initializer. */
export function initParam(rngs: Rngs, init: Initializer, shape: readonly number[], dtype: FloatDType): Param {
  if (rngs instanceof ShapeOnlyRngs) return new Param(Tensor.zeros([...shape], dtype));
  return new Param(init(rngs.params(), [...shape], dtype));
}
