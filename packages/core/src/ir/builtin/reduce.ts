import { defineKind } from '../define-kind.js';
import { meanOutputShape, softmaxAxis } from '../op-shape.js';
import type { MeanIR, SoftmaxIR } from '../ops.js';

/** `mean`: the mean over `axes` of one example (negative from the end), optionally keeping them as 1. */
export const meanKind = defineKind({
  kind: 'mean',
  description: 'mean over axes (global pooling)',
  params: { axes: 'axes', keepdims: 'boolean' },
  tensors: {},
  stateless: true,
  outputShape: (ir, inputShape): number[] => meanOutputShape(ir as MeanIR, inputShape),
});

/** `softmax`: softmax (or log-softmax, `log`) along `axis`, as `jax.nn` computes it. */
export const softmaxKind = defineKind({
  kind: 'softmax',
  description: 'softmax or log-softmax',
  params: { axis: 'axis', log: 'boolean' },
  tensors: {},
  stateless: true,
  outputShape(ir, inputShape): number[] {
    softmaxAxis(ir as SoftmaxIR, inputShape);
    return [...inputShape];
  },
});
