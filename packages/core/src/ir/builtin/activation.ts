import { defineKind } from '../define-kind.js';

/** `activation`: an elementwise function of `ACTIVATION_FUNCTIONS`; `alpha` is elu's alpha or leaky_relu's slope. */
export const activationKind = defineKind({
  kind: 'activation',
  description: 'elementwise activation',
  params: { fn: 'activation', alpha: 'number?' },
  tensors: {},
  stateless: true,
  outputShape: (_ir, inputShape) => [...inputShape],
});
