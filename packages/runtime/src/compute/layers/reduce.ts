import { inferOutputShape, meanAxes, softmaxAxis } from '@interop/core';
import type { MeanIR, SoftmaxIR } from '@interop/core';
import type { MeanPlan } from '../backend/types.js';
import type { Activation, LayerContext } from './context.js';
import { expectIR, product } from './context.js';

/**
 * The mean over `axes` of each example (axes of the unbatched channels-last shape, negative from
 * the end), as `jnp.mean(x, axis=axes + 1, keepdims=keepdims)` on the batched input.
 *
 * @throws {InteropError} E_INVALID_IR for malformed params; E_SHAPE_MISMATCH for an axis out of range.
 * @example
 * ```ts
 * runMean({ kind: 'mean', params: { axes: [0, 1], keepdims: false }, tensors: {} }, { data: x, shape: [2, 4, 4, 8] }, ctx); // [2, 8]
 * ```
 */
export function runMean(ir: MeanIR, x: Activation, ctx: LayerContext): Activation {
  const { axes, keepdims } = ir.params;
  expectIR(
    Array.isArray(axes) && axes.length > 0 && axes.every(Number.isSafeInteger),
    ir,
    'axes must be a non-empty list of integers',
    axes,
  );
  expectIR(typeof keepdims === 'boolean', ir, 'keepdims must be a boolean', keepdims);
  const example = x.shape.slice(1);
  const plan = planMean(example, new Set(meanAxes(ir, example)), x.shape[0]!);
  return { data: ctx.backend.mean(x.data, plan), shape: [x.shape[0]!, ...inferOutputShape(ir, example)] };
}

/** Gather tables of a mean: the C-order offset of each kept position and of each reduced one. */
function planMean(shape: number[], reduced: Set<number>, batch: number): MeanPlan {
  const strides = shape.map((_, i) => product(shape.slice(i + 1)));
  const offsetsOf = (axes: number[]): Int32Array => {
    const out = new Int32Array(product(axes.map((a) => shape[a]!)));
    for (let i = 0; i < out.length; i++) {
      let rest = i;
      let offset = 0;
      for (let k = axes.length - 1; k >= 0; k--) {
        const a = axes[k]!;
        offset += (rest % shape[a]!) * strides[a]!;
        rest = Math.floor(rest / shape[a]!);
      }
      out[i] = offset;
    }
    return out;
  };
  const all = shape.map((_, i) => i);
  return {
    batch,
    inSize: product(shape),
    bases: offsetsOf(all.filter((a) => !reduced.has(a))),
    offsets: offsetsOf(all.filter((a) => reduced.has(a))),
  };
}

/**
 * `jax.nn.softmax` (or `log_softmax` with `log`) along `axis` of each example:
 * `exp(x - max) / sum(exp(x - max))`, `x - max - log(sum(exp(x - max)))`.
 *
 * @throws {InteropError} E_INVALID_IR for malformed params; E_SHAPE_MISMATCH for an axis out of range.
 * @example
 * ```ts
 * runSoftmax({ kind: 'softmax', params: { axis: -1, log: true }, tensors: {} }, { data: x, shape: [4, 10] }, ctx);
 * ```
 */
export function runSoftmax(ir: SoftmaxIR, x: Activation, ctx: LayerContext): Activation {
  const { axis, log } = ir.params;
  expectIR(Number.isSafeInteger(axis), ir, 'axis must be an integer', axis);
  expectIR(typeof log === 'boolean', ir, 'log must be a boolean', log);
  const a = softmaxAxis(ir, x.shape.slice(1)) + 1;
  const plan = { outer: product(x.shape.slice(0, a)), size: x.shape[a]!, inner: product(x.shape.slice(a + 1)), log };
  return { data: ctx.backend.softmax(x.data, plan), shape: x.shape };
}
