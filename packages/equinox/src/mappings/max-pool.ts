import { defineMapping } from '@interop/core';
import { MaxPool } from '../modules/pool.js';
import { poolConversion } from './pool-ir.js';

/**
 * `eqx.nn.MaxPool1d`/`2d`/`3d` ↔ `pool` (max): kernel size, stride and padding pairs carry over;
 * `use_ceil` becomes the extra end padding Equinox adds for the input size (so it needs one); a
 * `SAME` pool from Flax or BrainState becomes explicit pairs.
 *
 * @example
 * ```ts
 * maxPool.toIR(new EqxNode(new MaxPool2d(2, 2)), ctx); // { op: 'max', windowShape: [2, 2], strides: [2, 2], ... }
 * ```
 */
export const maxPool = defineMapping({
  meta: {
    framework: 'equinox',
    layer: 'MaxPool',
    ir: 'pool',
    status: 'stable',
    description: 'eqx.nn.MaxPool1d/2d/3d ↔ pool (max; explicit padding pairs, use_ceil as end padding)',
  },
  layerType: MaxPool,
  ...poolConversion('max'),
});
