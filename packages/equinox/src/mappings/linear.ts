import { defineMapping, transpose } from '@interop/core';
import type { LinearIR } from '@interop/core';
import { EqxNode } from '../adapter.js';
import { assemble } from '../modules/common.js';
import { Linear } from '../modules/linear.js';
import { checkedToIR } from './check-input.js';

/**
 * `eqx.nn.Linear` ↔ `linear`: weight `(out, in)` is the IR kernel transposed; `'scalar'` sizes
 * read as 1 (the IR example is then `(1,)`).
 *
 * @example
 * ```ts
 * linear.toIR(new EqxNode(new Linear(3, 5, { key: key(0) })), ctx);
 * ```
 */
export const linear = defineMapping({
  meta: {
    framework: 'equinox',
    layer: 'Linear',
    ir: 'linear',
    status: 'stable',
    description: 'eqx.nn.Linear ↔ linear (weight (out, in) = kernelᵀ)',
  },
  layerType: Linear,
  toIR: checkedToIR((m: Linear) => ({ channels: m.weight.shape[1] })),
  fromIR: (ir: LinearIR) => {
    const { kernel, bias } = ir.tensors;
    const weight = transpose(kernel!, [1, 0]);
    return new EqxNode(
      assemble(Linear, {
        weight,
        bias: bias ?? null,
        inFeatures: ir.params.inFeatures,
        outFeatures: ir.params.outFeatures,
        useBias: bias !== undefined,
      }),
    );
  },
});
