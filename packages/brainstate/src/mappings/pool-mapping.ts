import { ConversionError, defineMapping, resolvePoolPadding } from '@interop/core';
import type { ConversionContext, LayerMapping, PoolIR } from '@interop/core';
import type { Pool, PoolPaddingArg } from '../modules/pool.js';

/** A pooling layer class of one rank: `new Cls(kernel_size, stride, padding)`. */
export type PoolClass<T extends Pool> = new (kernelSize: number[], stride: number[], padding: PoolPaddingArg) => T;

/** True when an average over `ir`'s windows reads no padding (so both divisors agree). */
function readsNoPadding(ir: PoolIR, ctx: ConversionContext): boolean {
  const { padding, windowShape, strides } = ir.params;
  if (padding === 'VALID') return true;
  if (Array.isArray(padding)) return padding.every(([l, h]) => l === 0 && h === 0);
  const shape = ctx.inputShape;
  if (!shape || shape.length !== windowShape.length + 1) return windowShape.every((w) => w === 1);
  return resolvePoolPadding(padding, shape.slice(0, -1), windowShape, strides).every(([l, h]) => l === 0 && h === 0);
}

/**
 * The mapping of one `brainstate.nn` pooling class ↔ `pool` of its op and rank. BrainState's
 * `AvgPool` divides a padded window by its valid elements only, so an average that counts the
 * padding (Flax's default, Equinox always) is refused where it reads any padding.
 *
 * @example
 * ```ts
 * const maxPool2d = poolMapping('max', 2, 'MaxPool2d', MaxPool2d);
 * ```
 */
export function poolMapping<T extends Pool>(op: 'max' | 'avg', nd: 1 | 2 | 3, layer: string, Cls: PoolClass<T>): LayerMapping<T, 'pool'> {
  const divisor =
    op === 'avg' ? '; the average is over the valid elements only (count_include_pad=False)' : '; the stride defaults to the window';
  return defineMapping({
    meta: {
      framework: 'brainstate',
      layer,
      ir: 'pool',
      status: 'stable',
      description: `brainstate.nn.${layer} ↔ pool (${op}, ${nd} spatial axes, channels last${divisor})`,
    },
    layerType: Cls,
    accepts: (ir: PoolIR) => ir.params.op === op && ir.params.windowShape.length === nd,
    toIR: (l: T) => l.toIR() as PoolIR,
    fromIR: (ir: PoolIR, ctx: ConversionContext) => {
      const { windowShape, strides, padding, countIncludePad } = ir.params;
      if (op === 'avg' && countIncludePad && !readsNoPadding(ir, ctx)) {
        throw new ConversionError(
          `${layer} divides a padded window by its valid elements only, but this average pool counts the padding too (count_include_pad=True)`,
          {
            found: JSON.stringify(padding),
            fix: ctx.inputShape
              ? 'Only an average pool without padding, or with count_include_pad=False, converts to BrainState'
              : 'Pass a sampleInput: with its shape a SAME padding that adds nothing converts; otherwise only count_include_pad=False converts',
          },
        );
      }
      return new Cls(
        [...windowShape],
        [...strides],
        Array.isArray(padding) ? padding.map(([l, h]) => [l, h] as [number, number]) : padding,
      );
    },
  });
}
