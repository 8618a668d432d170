import { defineMapping } from '@interop/core';
import type { DropoutIR } from '@interop/core';
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
  meta: { framework: 'nnx', layer: 'Dropout', ir: 'dropout', status: 'stable', description: 'flax.nnx.Dropout ↔ dropout (identity in inference)' },
  layerType: Dropout,
  toIR: (layer: Dropout) => layer.toIR(),
  fromIR: (ir: DropoutIR) => new Dropout(ir.params.rate, { deterministic: true }),
});
