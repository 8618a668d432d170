import { MaxPool1d, MaxPool2d, MaxPool3d } from '../modules/pool.js';
import { poolMapping } from './pool-mapping.js';

/**
 * `brainstate.nn.MaxPool1d` ↔ `pool` (max, one spatial axis); the stride defaults to the window
 * in BrainState, so a built layer always states it.
 *
 * @example
 * ```ts
 * maxPool1d.toIR(new MaxPool1d(3), ctx); // strides [3]
 * ```
 */
export const maxPool1d = poolMapping('max', 1, 'MaxPool1d', MaxPool1d);
/**
 * `brainstate.nn.MaxPool2d` ↔ `pool` (max, two spatial axes).
 *
 * @example
 * ```ts
 * maxPool2d.toIR(new MaxPool2d(2), ctx); // windowShape [2, 2], strides [2, 2]
 * ```
 */
export const maxPool2d = poolMapping('max', 2, 'MaxPool2d', MaxPool2d);
/**
 * `brainstate.nn.MaxPool3d` ↔ `pool` (max, three spatial axes).
 *
 * @example
 * ```ts
 * maxPool3d.toIR(new MaxPool3d(2, 1), ctx);
 * ```
 */
export const maxPool3d = poolMapping('max', 3, 'MaxPool3d', MaxPool3d);
