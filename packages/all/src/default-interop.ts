import brainstate from '@interop/brainstate';
import equinox from '@interop/equinox';
import linen from '@interop/linen';
import nnx from '@interop/nnx';
import { createInterop } from './interop/create-interop.js';
import type { Interop } from './interop/create-interop.js';

/** The four framework plugins, in the seed's order. */
export const PLUGINS = [brainstate, nnx, linen, equinox] as const;

/**
 * A fresh {@link Interop} over the four framework plugins, with nothing registered yet.
 *
 * @example
 * ```ts
 * const mine = defaultInterop();
 * mine.registerLayerMapping(myMapping); // does not touch the shared `interop`
 * ```
 */
export function defaultInterop(): Interop {
  return createInterop(PLUGINS);
}
