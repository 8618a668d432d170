import { ConversionError, defineMapping } from '@interop/core';
import type { RMSNormIR } from '@interop/core';
import { DTYPE_FIELDS, atValues, bool, num, optional } from '@interop/flax';
import { LinenNode } from '../adapter.js';
import type { LinenLayerSpec } from '../layer-spec.js';
import { RMSNorm } from '../modules/rms-norm.js';

/**
 * `nn.RMSNorm` ↔ `rms-norm` over the last axis; without scale the feature count comes from the
 * threaded input shape. An IR with a bias (Equinox) is refused: Linen's RMSNorm has none.
 *
 * @example
 * ```ts
 * registry.toIR([new RMSNorm({ useScale: false }), {}], 'linen', { sampleInput: [6] });
 * ```
 */
export const rmsNorm = defineMapping({
  meta: {
    framework: 'linen',
    layer: 'RMSNorm',
    ir: 'rms-norm',
    status: 'stable',
    description: 'flax.linen.RMSNorm ↔ rms-norm (last axis, no bias)',
  },
  layerType: RMSNorm,
  toIR: (node: LinenNode, ctx) => node.module.toIR(node.variables, ctx.inputShape ?? undefined),
  fromIR: (ir: RMSNormIR) => {
    if (ir.tensors.bias !== undefined) throw new ConversionError('Linen RMSNorm has no bias; the IR carries one');
    if (ir.params.featureShape.length !== 1) {
      throw new ConversionError(`Linen RMSNorm here normalises one axis, the IR has ${ir.params.featureShape.length}`);
    }
    const { scale } = ir.tensors;
    return new LinenNode(new RMSNorm({ epsilon: ir.params.epsilon, useScale: scale !== undefined }), scale ? { params: { scale } } : {});
  },
});

/**
 * The spec of `nn.RMSNorm` (its `scale` looks like a LayerNorm's, so it is not inferred).
 *
 * @example
 * ```ts
 * rmsNormSpec.write(new RMSNorm()); // { type: 'RMSNorm', epsilon: 1e-6, use_scale: true }
 * ```
 */
export const rmsNormSpec: LinenLayerSpec<RMSNorm> = {
  layerType: RMSNorm,
  types: { RMSNorm: ['epsilon', 'use_scale', 'dtype', 'param_dtype'] },
  fields: { epsilon: optional('float', 1e-6), use_scale: optional('bool', true), ...DTYPE_FIELDS },
  unmodelled: atValues({ reduction_axes: -1 }),
  read: (spec, { dtypes }) => new RMSNorm({ ...dtypes, epsilon: num(spec, 'epsilon'), useScale: bool(spec, 'use_scale') }),
  write: (m) => ({ type: 'RMSNorm', epsilon: m.epsilon, use_scale: m.useScale }),
};
