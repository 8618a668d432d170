import { defineKind } from '../define-kind.js';
import { lastAxis, replaceLast } from './feature-axes.js';

/** `linear`: `y = x @ kernel + bias` over the last axis; kernel `[in, out]`, bias `[out]` (optional). */
export const linearKind = defineKind({
  kind: 'linear',
  description: 'dense layer',
  params: { inFeatures: 'int', outFeatures: 'int' },
  tensors: { kernel: 'required', bias: 'optional' },
  outputShape(ir, inputShape) {
    lastAxis(ir.kind, inputShape, ir.params.inFeatures);
    return replaceLast(inputShape, ir.params.outFeatures);
  },
  outputShapeWithoutInput: (ir) => [ir.params.outFeatures],
});
