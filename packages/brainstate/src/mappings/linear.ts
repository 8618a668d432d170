import { defineMapping } from '@interop/core';
import { checkedToIR } from './shape-check.js';
import type { LinearIR } from '@interop/core';
import { Linear } from '../modules/linear.js';

/**
 * `brainstate.nn.Linear` ↔ `linear`: `weight` `(in, out)` is the canonical kernel, `bias` `(out,)`.
 * Building draws Linear's default init from the global random state first, as BrainState's
 * builder does, then overwrites it.
 *
 * @example
 * ```ts
 * linear.toIR(new Linear(3, 5), ctx);
 * ```
 */
export const linear = defineMapping({
  meta: {
    framework: 'brainstate',
    layer: 'Linear',
    ir: 'linear',
    status: 'stable',
    description: 'brainstate.nn.Linear ↔ linear (weight (in, out))',
  },
  layerType: Linear,
  toIR: checkedToIR((ir: LinearIR) => ir.params.inFeatures),
  fromIR: (ir: LinearIR) => {
    const { kernel, bias } = ir.tensors;
    const layer = new Linear(ir.params.inFeatures, ir.params.outFeatures, { bInit: bias ? 'ZeroInit' : null });
    layer.weight.value = bias ? { weight: kernel!, bias } : { weight: kernel! };
    return layer;
  },
});
