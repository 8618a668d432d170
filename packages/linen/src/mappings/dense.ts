import { defineMapping } from '@interop/core';
import type { LinearIR } from '@interop/core';
import { DTYPE_FIELDS, bool, need, needed, optional } from '@interop/flax';
import { LinenNode } from '../adapter.js';
import type { LinenLayerSpec } from '../layer-spec.js';
import { Dense } from '../modules/dense.js';
import { leaf } from '../variables.js';

/**
 * `nn.Dense` ↔ `linear`: kernel `(in, out)` is already the canonical layout.
 *
 * @example
 * ```ts
 * dense.toIR(new LinenNode(new Dense(5), variables), ctx);
 * ```
 */
export const dense = defineMapping({
  meta: { framework: 'linen', layer: 'Dense', ir: 'linear', status: 'stable', description: 'flax.linen.Dense ↔ linear (kernel (in, out))' },
  layerType: Dense,
  toIR: (node: LinenNode) => node.module.toIR(node.variables),
  fromIR: (ir: LinearIR) => {
    const { kernel, bias } = ir.tensors;
    return new LinenNode(new Dense(ir.params.outFeatures, { useBias: bias !== undefined }), {
      params: bias ? { kernel: kernel!, bias } : { kernel: kernel! },
    });
  },
});

/**
 * The spec of `nn.Dense`; inferred from a kernel of rank 2.
 *
 * @example
 * ```ts
 * denseSpec.write(new Dense(8)); // { type: 'Dense', features: 8, use_bias: true }
 * ```
 */
export const denseSpec: LinenLayerSpec<Dense> = {
  layerType: Dense,
  types: { Dense: ['features', 'use_bias', 'dtype', 'param_dtype'] },
  fields: { features: needed('int', 8), use_bias: optional('bool', true), ...DTYPE_FIELDS },
  read: (spec, { dtypes }) => new Dense(need(spec, 'features'), { ...dtypes, useBias: bool(spec, 'use_bias') }),
  write: (m) => ({ type: 'Dense', features: m.features, use_bias: m.useBias }),
  infer: ({ params }) => {
    const kernel = leaf(params, 'kernel');
    return kernel?.ndim === 2 ? new Dense(kernel.shape[1]!, { useBias: !!leaf(params, 'bias') }) : undefined;
  },
};
