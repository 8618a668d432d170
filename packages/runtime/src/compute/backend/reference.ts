import { createLoopPrimitives } from './loops.js';
import type { Backend } from './types.js';

/**
 * The float64 reference backend: plain loops, every intermediate in float64. Slow and exact
 * enough to be the ground truth the other backends are measured against.
 *
 * @example
 * ```ts
 * const out = createReferenceBackend().matmul(a, b, m, k, n);
 * ```
 */
export function createReferenceBackend(): Backend {
  return {
    name: 'reference',
    ...createLoopPrimitives(
      (n) => new Float64Array(n),
      (v) => v,
    ),
    engine: () => 'typescript-float64',
  };
}
