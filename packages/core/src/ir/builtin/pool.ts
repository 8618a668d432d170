import { defineKind } from '../define-kind.js';
import { poolOutputShape } from '../op-shape.js';
import type { PoolIR } from '../ops.js';

/** `pool`: max or average pooling over the spatial axes of `[...spatial, C]`, with `flax.linen` semantics. */
export const poolKind = defineKind({
  kind: 'pool',
  description: 'max or average pooling',
  params: { op: 'poolOp', windowShape: 'ints', strides: 'ints', padding: 'poolPadding', countIncludePad: 'boolean' },
  tensors: {},
  stateless: true,
  outputShape: (ir, inputShape): number[] => poolOutputShape(ir as PoolIR, inputShape),
});
