import { InteropError, Tensor, isShapeOnly, placeholderTensor } from '@interop/core';
import type { LayerIR } from '@interop/core';
import { checkShape, orthogonal, runIR } from '@interop/runtime';
import type { FloatDType } from '@interop/runtime';
import { castTo } from './dtypes.js';
import { initializers } from './init.js';
import type { Initializer } from './init.js';
import { globalRandom } from './random-state.js';

/**
 * Runs `ir` on `x`; an input of `unbatchedRank` dims (no batch axis) runs as a batch of one and
 * comes back without it. The result is cast to `dtype`.
 *
 * @example
 * ```ts
 * runBatched(linear.toIR(), x, 1, 'float32');
 * ```
 */
export function runBatched(ir: LayerIR, x: Tensor, unbatchedRank: number, dtype: FloatDType): Tensor {
  if (!(x instanceof Tensor))
    throw new InteropError('E_INVALID_ARGUMENT', 'a brainstate layer is called with a Tensor', { found: typeof x });
  if (x.ndim === unbatchedRank) {
    const y = runIR(ir, x.reshape([1, ...x.shape]));
    return castTo(y.reshape(y.shape.slice(1)), dtype);
  }
  return castTo(runIR(ir, x), dtype);
}

const PLACEHOLDER = {
  framework: 'BrainState',
  fix: 'Load the file into the model (loadStateDict) before reading its arrays; build it with moduleFromSpec or its class to get initial values',
};

/**
 * A float32 array (BrainState's default dtype) of a shape-only build, refusing the shapes that the
 * sampler `op` refuses.
 *
 * @example
 * ```ts
 * if (isShapeOnly()) return placeholder([h], 'uniform');
 * ```
 */
export function placeholder(shape: readonly number[], op: string): Tensor {
  return placeholderTensor('float32', checkShape(shape, op), PLACEHOLDER);
}

/** An initializer argument as BrainState takes it: a name from `brainstate.nn.init`, an array, or a function. */
export type InitArg = string | Tensor | Initializer;

const NAMED: Record<string, () => Initializer> = {
  ZeroInit: initializers.zeroInit,
  KaimingNormal: () => initializers.kaimingNormal(),
  KaimingUniform: () => initializers.kaimingUniform(),
  XavierNormal: () => initializers.xavierNormal(),
  XavierUniform: () => initializers.xavierUniform(),
  LecunUniform: () => initializers.lecunUniform(),
  LecunNormal: () => initializers.lecunNormal(),
  // BrainState's Orthogonal draws normal(split_key(), (max, min)), takes Q of its QR with the
  // signs of diag(R) and lays it out as JAX's orthogonal does for a 2-d shape: the same draw and
  // the same matrix up to QR rounding (~1e-7), the global key left where BrainState leaves it.
  Orthogonal:
    () =>
    (shape, o = {}) =>
      orthogonal()(globalRandom.splitKey(), [...shape], o.dtype ?? 'float32'),
};

/**
 * `init.param(init, shape)`: an array is taken as is (its shape checked), a name or function draws
 * from BrainState's global random state.
 *
 * @throws {InteropError} E_SHAPE_MISMATCH for an array of another shape; E_INVALID_ARGUMENT for an
 *   unknown initializer name.
 * @example
 * ```ts
 * initParam('ZeroInit', [5], 'Linear bias');
 * ```
 */
export function initParam(init: InitArg, shape: readonly number[], what: string): Tensor {
  if (init instanceof Tensor) {
    if (init.shape.length !== shape.length || init.shape.some((n, i) => n !== shape[i])) {
      throw new InteropError('E_SHAPE_MISMATCH', `${what} has the wrong shape`, {
        expected: `[${shape.join(', ')}]`,
        found: `[${init.shape.join(', ')}]`,
      });
    }
    return init;
  }
  if (typeof init === 'function') return init([...shape]);
  const make = NAMED[init];
  if (!make)
    throw new InteropError('E_INVALID_ARGUMENT', `unknown brainstate initializer '${init}'`, { expected: Object.keys(NAMED).join(', ') });
  // Every named initialiser gives float32 (BrainState's default dtype).
  if (isShapeOnly()) return placeholder(shape, 'brainstate initializer');
  return make()([...shape]);
}

/**
 * A tensor of `shape` filled with `value` (BrainState's `Constant`), drawing nothing.
 *
 * @example
 * ```ts
 * filled([1, 3], 1);
 * ```
 */
export function filled(shape: readonly number[], value: number, dtype: FloatDType = 'float32'): Tensor {
  return Tensor.fromArray(new Array<number>(shape.reduce((a, b) => a * b, 1)).fill(value), [...shape], dtype);
}
