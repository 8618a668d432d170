import { InteropError, Tensor, dtypeInfo } from '@interop/core';
import { checkFloatDType, checkShape } from '@interop/runtime';
import type { FloatDType } from '@interop/runtime';

// A model that is built only to receive a file's states needs their shapes, not their values:
// drawing 512 MiB of initial weights from BrainState's global random state takes over a minute,
// holds them all in memory and moves the user's global key, all before the file replaces every
// state (`loadStateDict` refuses a file that does not hold them all). The flag is a scope rather
// than an argument because BrainState's constructors take initialiser names, as in Python, and
// draw inside; everything built inside the scope is synchronous.

let depth = 0;

/**
 * Runs `build` with every initialiser giving placeholders (see {@link placeholder}) instead of
 * drawing: for a model whose arrays all come from a file next.
 *
 * @example
 * ```ts
 * const model = loadStateDict(shapeOnly(() => moduleFromSpec(spec)), tree);
 * ```
 */
export function shapeOnly<T>(build: () => T): T {
  depth++;
  try {
    return build();
  } finally {
    depth--;
  }
}

/** Whether a {@link shapeOnly} build is running (the initialisers then draw nothing). */
export function buildingShapeOnly(): boolean {
  return depth > 0;
}

/**
 * A lazy array of `dtype` and `shape` with no values: nothing is allocated or drawn. The dtype and
 * shape are checked as the sampler `op` checks them, so a spec fails the same way.
 *
 * @throws {InteropError} E_DTYPE / E_INVALID_ARGUMENT as `op` does for a bad dtype or shape; on
 *   reading its values, E_INVALID_ARGUMENT (a placeholder is only ever replaced by a file's array).
 */
export function placeholder(dtype: FloatDType | undefined, shape: readonly number[], op: string): Tensor {
  const d = checkFloatDType(dtype, op);
  const s = checkShape(shape, op);
  return Tensor.fromSource(d, s, {
    byteLength: s.reduce((a, b) => a * b, dtypeInfo(d).itemSize),
    description: 'a BrainState array built shape-only',
    read() {
      throw new InteropError(
        'E_INVALID_ARGUMENT',
        "this BrainState array was built shape-only, to be replaced by a file's array, and has no values",
        {
          fix: 'Load the file into the model (loadStateDict) before reading its arrays; build it with moduleFromSpec or its class to get initial values',
        },
      );
    },
  });
}
