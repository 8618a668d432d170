import { defineMapping } from '@interop/core';
import type { DropoutIR } from '@interop/core';
import { bool, need, needed, optional } from '@interop/flax';
import type { NnxLayerSpec } from '../layer-spec.js';
import { Dropout } from '../modules/dropout.js';

/**
 * `nnx.Dropout` ↔ `dropout`: built deterministic (inference), without rngs, so its state stays
 * serialisable.
 *
 * @example
 * ```ts
 * dropout.toIR(new Dropout(0.5, { deterministic: true }), ctx);
 * ```
 */
export const dropout = defineMapping({
  meta: {
    framework: 'nnx',
    layer: 'Dropout',
    ir: 'dropout',
    status: 'stable',
    description: 'flax.nnx.Dropout ↔ dropout (identity in inference)',
  },
  layerType: Dropout,
  toIR: (layer: Dropout) => layer.toIR(),
  fromIR: (ir: DropoutIR) => new Dropout(ir.params.rate, { deterministic: true }),
});

/**
 * The spec of `nnx.Dropout`, built without rngs (no state, so never inferred).
 *
 * @example
 * ```ts
 * dropoutSpec.read({ type: 'Dropout', rate: 0.1, deterministic: true }, context);
 * ```
 */
export const dropoutSpec: NnxLayerSpec<Dropout> = {
  layerType: Dropout,
  types: { Dropout: ['rate', 'broadcast_dims', 'deterministic', 'rng_collection'] },
  fields: {
    rate: needed('float', 0.5),
    broadcast_dims: optional('int[]', []),
    deterministic: optional('bool', false),
    rng_collection: optional('string', 'dropout'),
  },
  read: (spec) =>
    new Dropout(need(spec, 'rate'), {
      deterministic: bool(spec, 'deterministic'),
      ...(spec.broadcast_dims !== undefined ? { broadcastDims: spec.broadcast_dims as number[] } : {}),
      ...(spec.rng_collection !== undefined ? { rngCollection: spec.rng_collection as string } : {}),
    }),
  write: (m) => ({
    type: 'Dropout',
    rate: m.rate,
    broadcast_dims: m.broadcastDims,
    deterministic: m.deterministic,
    rng_collection: m.rngCollection,
  }),
};
