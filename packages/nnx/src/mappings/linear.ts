import { defineMapping } from '@interop/core';
import type { LinearIR } from '@interop/core';
import { DTYPE_FIELDS, bool, need, needed, optional } from '@interop/flax';
import { DTYPE_ARGS, leafOf } from '../layer-spec.js';
import type { NnxLayerSpec } from '../layer-spec.js';
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
    const m = new Linear(ir.params.inFeatures, ir.params.outFeatures, {
      useBias: bias !== undefined,
      dtype: dt,
      paramDtype: dt,
      rngs: SHAPE_ONLY,
    });
    fill(m.kernel, kernel);
    fill(m.bias, bias);
    return m;
  },
});

/**
 * The spec of `nnx.Linear`; inferred from a kernel of rank 2.
 *
 * @example
 * ```ts
 * linearSpec.read({ type: 'Linear', in_features: 3, out_features: 5 }, context);
 * ```
 */
export const linearSpec: NnxLayerSpec<Linear> = {
  layerType: Linear,
  types: { Linear: ['in_features', 'out_features', 'use_bias', ...DTYPE_ARGS] },
  fields: { in_features: needed('int', 4), out_features: needed('int', 8), use_bias: optional('bool', true), ...DTYPE_FIELDS },
  read: (spec, { dtypes, rngs }) =>
    new Linear(need(spec, 'in_features'), need(spec, 'out_features'), { ...dtypes, rngs, useBias: bool(spec, 'use_bias') }),
  write: (m) => ({ type: 'Linear', in_features: m.inFeatures, out_features: m.outFeatures, use_bias: m.useBias }),
  infer: (tree) => {
    const kernel = leafOf(tree, 'kernel');
    if (kernel?.ndim !== 2) return undefined;
    return new Linear(kernel.shape[0]!, kernel.shape[1]!, {
      rngs: SHAPE_ONLY,
      useBias: !!leafOf(tree, 'bias'),
      paramDtype: floatDtype(kernel),
    });
  },
};
