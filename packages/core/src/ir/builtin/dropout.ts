import { defineKind } from '../define-kind.js';

/** `dropout`: the identity in inference; `rate` is the drop probability. */
export const dropoutKind = defineKind({
  kind: 'dropout',
  description: 'dropout (identity in inference)',
  params: { rate: 'number' },
  tensors: {},
  stateless: true,
  outputShape: (_ir, inputShape) => [...inputShape],
});
