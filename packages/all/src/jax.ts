import { InteropError, Tensor, concat, sliceAxis } from '@interop/core';
import { PRNGKey, bernoulli, bits, foldIn, key, keyData, normal, split, truncatedNormal, uniform, wrapKeyData } from '@interop/runtime';

/** A per-example function, or a module called with `.call(...)` (Equinox's modules). */
export type PerExample<Args extends unknown[] = [x: Tensor], Out = unknown> = ((...args: Args) => Out) | { call(...args: Args): Out };

/** What {@link vmap} gives for a per-example result: tensors stacked into one, arrays of them element by element. */
export type Stacked<Out> = Out extends Tensor
  ? Tensor
  : Out extends readonly unknown[]
    ? { -readonly [K in keyof Out]: Stacked<Out[K]> }
    : unknown;

/**
 * `in_axes` of `jax.vmap`: the axis each argument is mapped over, or `null` for an argument
 * passed whole to every call; one number maps every argument over that axis.
 */
export type InAxes<Args extends unknown[]> = number | { [K in keyof Args]: number | null };

/** Options of {@link vmap}, Python's keyword arguments in camelCase. */
export interface VmapOptions<Args extends unknown[]> {
  /** The axis of each argument to map over (`0`, the default, for every argument). */
  inAxes?: InAxes<Args>;
}

function stack(outputs: unknown[], where: string): unknown {
  const first = outputs[0];
  if (first instanceof Tensor) {
    return concat(
      outputs.map((y) => (y as Tensor).reshape([1, ...(y as Tensor).shape])),
      0,
    );
  }
  if (Array.isArray(first))
    return first.map((_, i) =>
      stack(
        outputs.map((y) => (y as unknown[])[i]),
        `${where}[${i}]`,
      ),
    );
  throw new InteropError('E_INVALID_ARGUMENT', `vmap can stack tensors and arrays of tensors, but ${where} is ${typeof first}`, {
    fix: 'Return a Tensor (or an array of Tensors) from the mapped function',
  });
}

function axesOf(inAxes: InAxes<unknown[]> | undefined, args: readonly unknown[]): (number | null)[] {
  if (inAxes === undefined || typeof inAxes === 'number') return args.map(() => inAxes ?? 0);
  if (!Array.isArray(inAxes) || inAxes.length !== args.length) {
    throw new InteropError(
      'E_INVALID_ARGUMENT',
      `vmap's inAxes names ${Array.isArray(inAxes) ? inAxes.length : 'no'} axes for ${args.length} arguments`,
      {
        fix: 'Give inAxes one entry per argument (a number, or null for an argument passed whole), or one number for all',
      },
    );
  }
  return [...inAxes];
}

/** The batch size, checking that every mapped argument is a tensor with that many entries on its axis. */
function batchSize(args: readonly unknown[], axes: readonly (number | null)[]): { n: number; axes: (number | null)[] } {
  let n: number | undefined;
  const resolved = axes.map((axis, i) => {
    if (axis === null) return null;
    const x = args[i];
    if (!(x instanceof Tensor) || x.ndim === 0) {
      throw new InteropError('E_INVALID_ARGUMENT', `vmap maps argument ${i} over axis ${axis}, which needs a Tensor with that axis`, {
        found: x instanceof Tensor ? 'a 0-d tensor' : typeof x,
        fix: `Pass a batched Tensor, or inAxes with null at ${i} to pass it whole`,
      });
    }
    const a = axis < 0 ? axis + x.ndim : axis;
    if (a < 0 || a >= x.ndim)
      throw new InteropError(
        'E_INVALID_ARGUMENT',
        `vmap's axis ${axis} of argument ${i} is out of range for shape [${x.shape.join(', ')}]`,
      );
    if (n !== undefined && x.shape[a] !== n) {
      throw new InteropError('E_INVALID_ARGUMENT', `vmap got different batch sizes: ${n} and ${x.shape[a]} (argument ${i}, axis ${axis})`, {
        fix: 'Map arguments whose mapped axes have one size',
      });
    }
    n = x.shape[a]!;
    return a;
  });
  if (n === undefined)
    throw new InteropError('E_INVALID_ARGUMENT', 'vmap needs at least one mapped argument', {
      fix: 'Give a number in inAxes for at least one Tensor argument',
    });
  if (n === 0)
    throw new InteropError('E_INVALID_ARGUMENT', 'vmap over an empty batch axis has nothing to stack', {
      fix: 'Pass at least one example',
    });
  return { n, axes: resolved };
}

const take = (x: Tensor, axis: number, i: number): Tensor => sliceAxis(x, axis, i, i + 1).reshape(x.shape.filter((_, d) => d !== axis));

/**
 * `jax.vmap(f, in_axes=...)`: calls `f` (or `module.call`) once per example of the mapped
 * arguments (axis 0 unless `inAxes` says) and stacks the results on a new leading axis
 * (tensors, or arrays of tensors such as a carry). Typed: the batched function takes `f`'s
 * arguments and returns its result stacked.
 *
 * @example
 * ```ts
 * const y = jax.vmap(eqxModel)(x); // x: (batch, ...), each example through eqxModel.call
 * const [h, c] = jax.vmap(cell, { inAxes: [0, 0, null] })(xs, hs, params); // params passed whole
 * ```
 */
export function vmap<Args extends unknown[], Out>(
  fn: (...args: Args) => Out,
  options?: VmapOptions<NoInfer<Args>>,
): (...args: Args) => Stacked<Out>;
/** `jax.vmap(module)`: {@link vmap} over a module's `call` (`bind?: never` keeps plain functions, whose `call` is `Function.prototype.call`, out). */
export function vmap<Args extends unknown[], Out>(
  module: { call(...args: Args): Out; bind?: never },
  options?: VmapOptions<NoInfer<Args>>,
): (...args: Args) => Stacked<Out>;
export function vmap<Args extends unknown[], Out>(
  fn: PerExample<Args, Out>,
  options: VmapOptions<Args> = {},
): (...args: Args) => Stacked<Out> {
  const call = typeof fn === 'function' ? fn : (...args: Args) => fn.call(...args);
  return (...args: Args) => {
    const { n, axes } = batchSize(args, axesOf(options.inAxes as InAxes<unknown[]> | undefined, args));
    const outputs = Array.from({ length: n }, (_, i) =>
      call(...(args.map((x, j) => (axes[j] === null ? x : take(x as Tensor, axes[j]!, i))) as Args)),
    );
    return stack(outputs, 'the output') as Stacked<Out>;
  };
}

/**
 * `jax.random`, with JAX's threefry bits: same key, same numbers as Python. Arguments as in
 * Python, with a final object for keyword arguments (`uniform(k, [6], { minval: -1 })`).
 *
 * @example
 * ```ts
 * const [k1, k2] = jax.random.split(jax.random.PRNGKey(0));
 * jax.random.normal(k1, [3, 4]);
 * ```
 */
export const random = { PRNGKey, bernoulli, bits, foldIn, key, keyData, normal, split, truncatedNormal, uniform, wrapKeyData } as const;
