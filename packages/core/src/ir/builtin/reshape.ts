import { defineKind } from '../define-kind.js';
import { reshapeOutputShape } from '../op-shape.js';
import type { ReshapeIR } from '../ops.js';

/** `flatten`: every axis of one example into one, in channels-last (C) order. */
export const flattenKind = defineKind({
  kind: 'flatten',
  description: 'flatten one example (channels-last order)',
  params: {},
  tensors: {},
  stateless: true,
  outputShape: (_ir, inputShape) => [inputShape.reduce((a, b) => a * b, 1)],
});

/** `reshape`: one example to `shape` (at most one `-1`), in C order. */
export const reshapeKind = defineKind({
  kind: 'reshape',
  description: 'reshape one example',
  params: { shape: 'targetShape' },
  tensors: {},
  stateless: true,
  outputShape: (ir, inputShape): number[] => reshapeOutputShape(ir as ReshapeIR, inputShape),
});
