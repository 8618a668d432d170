import { InteropError } from '../errors/interop-error.js';
import { dtypeInfo } from './dtype.js';
import type { DType } from './dtype.js';
import { checkShape, sizeOf } from './shape.js';
import type { Shape } from './shape.js';
import { Tensor } from './tensor.js';

// A scope, not an argument: the plugins' constructors and spec tables take a key or a seed as the
// frameworks do (`SpecEntry.read(spec, seed)`), so a flag threaded through them would change every
// public signature. Builds are synchronous, so a depth counter is the whole scope (decision 020).
let depth = 0;

/**
 * Runs `build` with {@link isShapeOnly} true, so the initialisers that check it give
 * {@link placeholderTensor}s instead of drawing: for a model whose arrays all come from a file
 * next (as `nnx.eval_shape` / `eqx.filter_eval_shape` build one in Python). `build` must be
 * synchronous; scopes nest, and the flag is cleared when `build` throws.
 *
 * @param build - Builds the model.
 * @returns What `build` returns.
 *
 * @example
 * ```ts
 * const skeleton = shapeOnly(() => moduleFromSpec(spec)); // no weights drawn
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

/**
 * Whether a {@link shapeOnly} build is running: an initialiser then gives a placeholder and draws
 * nothing (nor moves any random state).
 *
 * @returns True inside `shapeOnly(build)`.
 *
 * @example
 * ```ts
 * const w = isShapeOnly() ? placeholderTensor('float32', [3, 5], EQUINOX) : uniform(key, [3, 5]);
 * ```
 */
export function isShapeOnly(): boolean {
  return depth > 0;
}

/** Who made a {@link placeholderTensor}, for the message a read of it throws. */
export interface PlaceholderOptions {
  /** The framework whose array it stands for, in messages: `'Equinox'`. */
  readonly framework: string;
  /** How to get values instead: load the file into the model, or build it without the scope. */
  readonly fix: string;
}

/**
 * A lazy tensor of `dtype` and `shape` with no values: nothing is allocated or drawn. It is only
 * ever replaced by a file's array; reading its values throws.
 *
 * @param dtype - The element type.
 * @param shape - The shape.
 * @param options - The framework and the fix, for the message a read throws.
 * @returns A lazy tensor whose `dtype`, `shape` and `byteLength` are those of the array it stands for.
 * @throws {InteropError} E_DTYPE for an unknown dtype; E_SHAPE_MISMATCH for a shape that is not
 *   non-negative integers; on reading its values, E_INVALID_ARGUMENT.
 *
 * @example
 * ```ts
 * const w = placeholderTensor('bfloat16', [5, 3], { framework: 'Equinox', fix: 'Load the file first' });
 * w.shape; // [5, 3]; w.data throws E_INVALID_ARGUMENT
 * ```
 */
export function placeholderTensor(dtype: DType, shape: Shape, options: PlaceholderOptions): Tensor {
  const { itemSize } = dtypeInfo(dtype);
  checkShape(shape);
  return Tensor.fromSource(dtype, [...shape], {
    byteLength: sizeOf(shape) * itemSize,
    description: `a ${options.framework} array built shape-only`,
    read() {
      throw new InteropError(
        'E_INVALID_ARGUMENT',
        `this ${options.framework} array was built shape-only, to be replaced by a file's array, and has no values`,
        { fix: options.fix },
      );
    },
  });
}
