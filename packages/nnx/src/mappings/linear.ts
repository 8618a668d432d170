import { defineMapping } from '@interop/core';
import type { LinearIR } from '@interop/core';
import { Linear } from '../modules/linear.js';
import { SHAPE_ONLY } from '../rngs.js';
import { fill, floatDtype } from './build.js';

/**
 * `nnx.Linear` ↔ `linear`: kernel `(in, out)` is the canonical layout; the built layer computes
 * in its kernel's dtype, as brainstate.interop's `to_nnx` builds it.
 *
 * @example
 * ```ts
 * linear.toIR(new Linear(3, 5, { rngs: new Rngs(0) }), ctx);
 * ```
 */
export const linear = defineMapping({
  meta: { framework: 'nnx', layer: 'Linear', ir: 'linear', status: 'stable', description: 'flax.nnx.Linear ↔ linear (kernel (in, out))' },
  layerType: Linear,
  toIR: (layer: Linear) => layer.toIR(),
  fromIR: (ir: LinearIR) => {
    const { kernel, bias } = ir.tensors;
    const dt = floatDtype(kernel);
    const m = new Linear(ir.params.inFeatures, ir.params.outFeatures, { useBias: bias !== undefined, dtype: dt, paramDtype: dt, rngs: SHAPE_ONLY });
    fill(m.kernel, kernel);
    fill(m.bias, bias);
    return m;
  },
});
