import { AvgPool1d, AvgPool2d, AvgPool3d } from '../modules/pool.js';
import { poolMapping } from './pool-mapping.js';

/**
 * `brainstate.nn.AvgPool1d` ↔ `pool` (avg, one spatial axis); padded windows average their valid
 * elements only.
 *
 * @example
 * ```ts
 * avgPool1d.toIR(new AvgPool1d(2, 2), ctx);
 * ```
 */
export const avgPool1d = poolMapping('avg', 1, 'AvgPool1d', AvgPool1d);
/**
 * `brainstate.nn.AvgPool2d` ↔ `pool` (avg, two spatial axes): `countIncludePad` false where it
 * pads; an average that counts padding is refused when building.
 *
 * @example
 * ```ts
 * avgPool2d.toIR(new AvgPool2d(3, 1, 1), ctx); // padding [[1, 1], [1, 1]], countIncludePad false
 * ```
 */
export const avgPool2d = poolMapping('avg', 2, 'AvgPool2d', AvgPool2d);
/**
 * `brainstate.nn.AvgPool3d` ↔ `pool` (avg, three spatial axes).
 *
 * @example
 * ```ts
 * avgPool3d.toIR(new AvgPool3d([2, 2, 1], [1, 2, 1]), ctx);
 * ```
 */
export const avgPool3d = poolMapping('avg', 3, 'AvgPool3d', AvgPool3d);
