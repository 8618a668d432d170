import { defineKind } from '../define-kind.js';
import { lastAxis, trailing } from './feature-axes.js';

/** `layer-norm`: normalises over the trailing `featureShape` axes; scale and bias `featureShape`. */
export const layerNormKind = defineKind({
  kind: 'layer-norm',
  description: 'layer normalisation',
  params: { featureShape: 'ints', epsilon: 'number', variance: 'variance' },
  tensors: { scale: 'optional', bias: 'optional' },
  outputShape(ir, inputShape) {
    trailing(ir.kind, inputShape, ir.params.featureShape);
    return [...inputShape];
  },
});

/** `rms-norm`: divides by the root mean square over the trailing `featureShape` axes. */
export const rmsNormKind = defineKind({
  kind: 'rms-norm',
  description: 'root-mean-square normalisation',
  params: { featureShape: 'ints', epsilon: 'number' },
  tensors: { scale: 'optional', bias: 'optional' },
  outputShape(ir, inputShape) {
    trailing(ir.kind, inputShape, ir.params.featureShape);
    return [...inputShape];
  },
});

/** `group-norm`: channels (last axis) split into `numGroups` groups; scale and bias `[channels]`. */
export const groupNormKind = defineKind({
  kind: 'group-norm',
  description: 'group normalisation',
  params: { channels: 'int', numGroups: 'int', epsilon: 'number', variance: 'variance' },
  tensors: { scale: 'optional', bias: 'optional' },
  outputShape(ir, inputShape) {
    lastAxis(ir.kind, inputShape, ir.params.channels);
    return [...inputShape];
  },
});

/** `batch-norm`: inference-mode batch norm with running `mean` and `var`; every tensor `[channels]`. */
export const batchNormKind = defineKind({
  kind: 'batch-norm',
  description: 'batch normalisation (inference)',
  params: { channels: 'int', epsilon: 'number', momentum: 'number' },
  tensors: { mean: 'required', var: 'required', scale: 'optional', bias: 'optional' },
  outputShape(ir, inputShape) {
    lastAxis(ir.kind, inputShape, ir.params.channels);
    return [...inputShape];
  },
});
