import { ConversionError, defineMapping } from '@interop/core';
import type { LayerNormIR } from '@interop/core';
import { DTYPE_FIELDS, NORM_FIELDS, atValues, normArgs, normOptionsFromIR, normSpecArgs } from '@interop/flax';
import { LinenNode } from '../adapter.js';
import type { LinenLayerSpec } from '../layer-spec.js';
import { LayerNorm } from '../modules/layer-norm.js';
import { leaf } from '../variables.js';

/**
 * `nn.LayerNorm` ↔ `layer-norm` over the last axis; without scale and bias the feature count
 * comes from the threaded input shape.
 *
 * @example
 * ```ts
 * registry.toIR([new LayerNorm({ useScale: false, useBias: false }), {}], 'linen', { sampleInput: [6] });
 * ```
 */
export const layerNorm = defineMapping({
  meta: {
    framework: 'linen',
    layer: 'LayerNorm',
    ir: 'layer-norm',
    status: 'stable',
    description: 'flax.linen.LayerNorm ↔ layer-norm (last axis, fast variance by default)',
  },
  layerType: LayerNorm,
  toIR: (node: LinenNode, ctx) => node.module.toIR(node.variables, ctx.inputShape ?? undefined),
  fromIR: (ir: LayerNormIR) => {
    if (ir.params.featureShape.length !== 1) {
      throw new ConversionError(`Linen LayerNorm here normalises one axis, the IR has ${ir.params.featureShape.length}`);
    }
    const { scale, bias } = ir.tensors;
    const params = { ...(scale ? { scale } : {}), ...(bias ? { bias } : {}) };
    return new LinenNode(new LayerNorm(normOptionsFromIR(ir)), Object.keys(params).length ? { params } : {});
  },
});

/**
 * The spec of `nn.LayerNorm`; inferred from params of only `scale` and `bias` (which RMSNorm
 * and GroupNorm also store, so the epsilon is an assumption).
 *
 * @example
 * ```ts
 * layerNormSpec.read({ type: 'LayerNorm', epsilon: 1e-5 }, context);
 * ```
 */
export const layerNormSpec: LinenLayerSpec<LayerNorm> = {
  layerType: LayerNorm,
  types: { LayerNorm: ['epsilon', 'use_bias', 'use_scale', 'use_fast_variance', 'dtype', 'param_dtype'] },
  fields: { ...NORM_FIELDS, ...DTYPE_FIELDS },
  unmodelled: atValues({ reduction_axes: -1 }),
  read: (spec, { dtypes }) => new LayerNorm({ ...dtypes, ...normArgs(spec) }),
  write: (m) => ({ type: 'LayerNorm', ...normSpecArgs(m) }),
  infer: ({ params }, assume) => {
    const [scale, bias] = [leaf(params, 'scale'), leaf(params, 'bias')];
    if (!(scale || bias) || !Object.keys(params).every((k) => k === 'scale' || k === 'bias')) return undefined;
    assume('LayerNorm with epsilon 1e-6 (RMSNorm and GroupNorm store the same names)');
    return new LayerNorm({ useScale: !!scale, useBias: !!bias });
  },
};
