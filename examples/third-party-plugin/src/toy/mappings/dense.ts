import { Tensor, defineMapping, transpose } from '@interop/core';
import type { LinearIR } from '@interop/core';
import { Dense } from '../model.js';

/**
 * Toy `Dense` ↔ `linear`: the `[out, in]` weight is the transpose of the IR's `[in, out]` kernel.
 *
 * @example
 * ```ts
 * createRegistry().use(toy).toIR(new Dense(weight, bias), 'toy');
 * ```
 */
export const dense = defineMapping({
  meta: {
    framework: 'toy',
    layer: 'Dense',
    ir: 'linear',
    status: 'experimental',
    description: 'y = x @ weight.T + bias (weight [out, in])',
  },
  layerType: Dense,
  toIR: (layer: Dense): LinearIR => ({
    kind: 'linear',
    params: { inFeatures: layer.inFeatures, outFeatures: layer.outFeatures },
    tensors: { kernel: transpose(layer.weight, [1, 0]), bias: layer.bias },
  }),
  fromIR: (ir: LinearIR) =>
    new Dense(transpose(ir.tensors.kernel!, [1, 0]), ir.tensors.bias ?? Tensor.zeros([ir.params.outFeatures], 'float32')),
});
