import { defineMapping } from '@interop/core';
import type { DropoutIR } from '@interop/core';
import { Dropout } from '../modules/dropout.js';

/**
 * `brainstate.nn.Dropout` ↔ `dropout`: BrainState's `prob` keeps, the IR's `rate` drops
 * (`rate = 1 - prob`); only evaluation mode is equivalent across frameworks.
 *
 * @example
 * ```ts
 * dropout.toIR(new Dropout(0.7), ctx); // rate 0.3
 * ```
 */
export const dropout = defineMapping({
  meta: {
    framework: 'brainstate',
    layer: 'Dropout',
    ir: 'dropout',
    status: 'stable',
    description: 'brainstate.nn.Dropout(prob) ↔ dropout(rate = 1 - prob)',
  },
  layerType: Dropout,
  toIR: (layer: Dropout) => layer.toIR(),
  fromIR: (ir: DropoutIR) => new Dropout(1 - ir.params.rate),
});
