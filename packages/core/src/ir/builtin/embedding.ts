import { defineKind } from '../define-kind.js';

/** `embedding`: a lookup of integer ids in `embedding [numEmbeddings, features]`; appends the feature axis. */
export const embeddingKind = defineKind({
  kind: 'embedding',
  description: 'table lookup',
  params: { numEmbeddings: 'int', features: 'int' },
  tensors: { embedding: 'required' },
  outputShape: (ir, inputShape) => [...inputShape, ir.params.features],
  outputShapeWithoutInput: (ir) => [ir.params.features],
});
