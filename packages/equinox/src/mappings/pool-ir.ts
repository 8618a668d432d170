import { ConversionError, InteropError, resolvePoolPadding } from '@interop/core';
import type { ConversionContext, PoolIR } from '@interop/core';
import { EqxNode } from '../adapter.js';
import { AvgPool1d, AvgPool2d, AvgPool3d, MaxPool1d, MaxPool2d, MaxPool3d } from '../modules/pool.js';
import type { Pool } from '../modules/pool.js';
import { checkInput } from './check-input.js';

type PoolClass = new (kernelSize: number[], options: { stride: number[]; padding: Array<[number, number]> }) => Pool;
const CLASSES: Record<'max' | 'avg', Record<number, PoolClass>> = {
  max: { 1: MaxPool1d, 2: MaxPool2d, 3: MaxPool3d },
  avg: { 1: AvgPool1d, 2: AvgPool2d, 3: AvgPool3d },
};

/** Whether an IR pool is a 1-3 d pool of this reduction (what the Equinox pools express). */
export function acceptsPool(ir: PoolIR, op: 'max' | 'avg'): boolean {
  return ir.params.op === op && ir.params.windowShape.length >= 1 && ir.params.windowShape.length <= 3;
}

/** Reads an Equinox pool node into IR, checking the example's rank. */
export function poolToIR(node: EqxNode, ctx: ConversionContext): PoolIR {
  const m = node.module as Pool;
  checkInput(ctx, m.type, { rank: m.numSpatialDims + 1 });
  return m.toIR({ inputShape: ctx.inputShape });
}

/**
 * The Equinox pool of an IR pool: `SAME` becomes the explicit pairs `lax.padtype_to_pads` gives
 * for the input (Equinox takes no strings); refused where Equinox cannot compute the same.
 *
 * @throws {InteropError} E_MISSING_ARCH for `SAME` without an input shape.
 * @throws {ConversionError} for an average that leaves padding out of the divisor, or a pad
 *   larger than the window (Equinox refuses to run it).
 */
export function poolFromIR(ir: PoolIR, ctx: ConversionContext): EqxNode {
  const { op, windowShape, strides, padding, countIncludePad } = ir.params;
  const n = windowShape.length;
  let pairs: Array<[number, number]>;
  if (padding === 'VALID') pairs = windowShape.map(() => [0, 0]);
  else if (padding === 'SAME') {
    const shape = ctx.inputShape;
    if (shape === undefined || shape.length !== n + 1) {
      throw new InteropError(
        'E_MISSING_ARCH',
        `A 'SAME'-padded ${op} pool becomes explicit pairs in Equinox, which depend on the input size, unknown here`,
        {
          path: ctx.path,
          fix: 'Pass a sample input (--sample-input, or sampleInput in the API)',
        },
      );
    }
    pairs = resolvePoolPadding('SAME', shape.slice(0, n), windowShape, strides);
  } else pairs = padding.map(([lo, hi]) => [lo, hi]);
  const padded = pairs.some(([lo, hi]) => lo > 0 || hi > 0);
  if (op === 'avg' && !countIncludePad && padded) {
    throw new ConversionError(
      'Equinox AvgPool divides every window by the whole kernel size; this average leaves padding out of the divisor',
      {
        path: ctx.path,
        found: `padding ${JSON.stringify(pairs)}, countIncludePad false`,
        fix: 'Keep this pool in a framework whose average pool excludes padding (BrainState, Flax with count_include_pad=False)',
      },
    );
  }
  pairs.forEach(([lo, hi], i) => {
    if (Math.max(lo, hi) > windowShape[i]!) {
      throw new ConversionError(`Equinox pools refuse a pad larger than the window (pad (${lo}, ${hi}), window ${windowShape[i]})`, {
        path: ctx.path,
        fix: 'Pad the input explicitly before the pool, or keep this pool in the source framework',
      });
    }
  });
  const cls = CLASSES[op][n]!;
  return new EqxNode(new cls([...windowShape], { stride: [...strides], padding: pairs }));
}

/**
 * `toIR`, `accepts` and `fromIR` of the max or average pools.
 *
 * @example
 * ```ts
 * defineMapping({ meta, layerType: MaxPool, ...poolConversion('max') });
 * ```
 */
export function poolConversion(op: 'max' | 'avg') {
  return { toIR: poolToIR, accepts: (ir: PoolIR) => acceptsPool(ir, op), fromIR: poolFromIR };
}
