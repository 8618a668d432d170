import { defineMapping } from '@interop/core';
import type { ConvIR } from '@interop/core';
import { CONV_FIELDS, DTYPE_FIELDS, convArgs, convSpecArgs, need, needed, paddingFromIR, sizes } from '@interop/flax';
import { LinenNode } from '../adapter.js';
import type { LinenLayerSpec } from '../layer-spec.js';
import { Conv } from '../modules/conv.js';
import { leaf } from '../variables.js';

/**
 * `nn.Conv` ↔ `conv` (1-3 spatial axes): Linen's HWIO kernel is the canonical layout; Linen's
 * padding modes (ints, pairs, SAME, SAME_LOWER, VALID, CAUSAL, CIRCULAR, REFLECT) map onto the
 * IR's padding and padding mode.
 *
 * @example
 * ```ts
 * conv.toIR(new LinenNode(new Conv(4, [3, 3]), variables), ctx);
 * ```
 */
export const conv = defineMapping({
  meta: {
    framework: 'linen',
    layer: 'Conv',
    ir: 'conv',
    status: 'stable',
    description: 'flax.linen.Conv ↔ conv (HWIO kernel, channels-last)',
  },
  layerType: Conv,
  toIR: (node: LinenNode) => node.module.toIR(node.variables),
  fromIR: (ir: ConvIR) => {
    const { kernel, bias } = ir.tensors;
    const p = ir.params;
    const module = new Conv(p.outFeatures, p.kernelSize, {
      strides: p.strides,
      padding: paddingFromIR(ir, 'Linen'),
      inputDilation: p.inputDilation,
      kernelDilation: p.kernelDilation,
      featureGroupCount: p.featureGroups,
      useBias: bias !== undefined,
    });
    return new LinenNode(module, { params: bias ? { kernel: kernel!, bias } : { kernel: kernel! } });
  },
});

/**
 * The spec of `nn.Conv`; inferred from a kernel of rank 3 or more, with the arguments the
 * variables do not store at their defaults.
 *
 * @example
 * ```ts
 * convSpec.read({ type: 'Conv', features: 4, kernel_size: [3, 3], padding: 'VALID' }, context);
 * ```
 */
export const convSpec: LinenLayerSpec<Conv> = {
  layerType: Conv,
  types: {
    Conv: [
      'features',
      'kernel_size',
      'strides',
      'padding',
      'input_dilation',
      'kernel_dilation',
      'feature_group_count',
      'use_bias',
      'dtype',
      'param_dtype',
    ],
  },
  fields: { features: needed('int', 4), ...CONV_FIELDS, ...DTYPE_FIELDS },
  read: (spec, { dtypes }) => new Conv(need(spec, 'features'), sizes(spec, 'kernel_size') as number[], { ...dtypes, ...convArgs(spec) }),
  write: (m) => ({ type: 'Conv', features: m.features, ...convSpecArgs(m) }),
  infer: ({ params }, assume) => {
    const kernel = leaf(params, 'kernel');
    if (!kernel || kernel.ndim < 3) return undefined;
    assume("Conv with strides 1, padding 'SAME', no dilation and feature_group_count 1 (not stored in variables)");
    return new Conv(kernel.shape[kernel.ndim - 1]!, kernel.shape.slice(0, -2), { useBias: !!leaf(params, 'bias') });
  },
};
