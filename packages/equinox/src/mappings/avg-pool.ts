import { defineMapping } from '@interop/core';
import { AvgPool } from '../modules/pool.js';
import { poolConversion } from './pool-ir.js';

/**
 * `eqx.nn.AvgPool1d`/`2d`/`3d` ↔ `pool` (avg, padding counted): Equinox divides by the whole
 * kernel size, so an average that leaves padding out of the divisor (BrainState's) is refused
 * unless nothing is padded.
 *
 * @example
 * ```ts
 * avgPool.toIR(new EqxNode(new AvgPool2d(3, 1, 1)), ctx); // { op: 'avg', padding: [[1, 1], [1, 1]], countIncludePad: true, ... }
 * ```
 */
export const avgPool = defineMapping({
  meta: {
    framework: 'equinox',
    layer: 'AvgPool',
    ir: 'pool',
    status: 'stable',
    description: 'eqx.nn.AvgPool1d/2d/3d ↔ pool (avg over the whole window, padding included)',
  },
  layerType: AvgPool,
  ...poolConversion('avg'),
});
