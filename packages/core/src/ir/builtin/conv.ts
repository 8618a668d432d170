import { convOutputShape } from '../conv-shape.js';
import { defineKind } from '../define-kind.js';
import type { ConvIR } from '../kinds.js';

/** `conv`: N-d convolution, channels-last; kernel `[...kernelSize, in/groups, out]` (HWIO), bias `[out]` (optional). */
export const convKind = defineKind({
  kind: 'conv',
  description: 'N-d convolution (1-3 spatial axes)',
  params: {
    inFeatures: 'int',
    outFeatures: 'int',
    kernelSize: 'ints',
    strides: 'ints',
    padding: 'padding',
    paddingMode: 'paddingMode',
    inputDilation: 'ints',
    kernelDilation: 'ints',
    featureGroups: 'int',
  },
  tensors: { kernel: 'required', bias: 'optional' },
  outputShape: (ir, inputShape): number[] => convOutputShape(ir as ConvIR, inputShape),
});
