import type { LinearIR, Tensor } from '@interop/core';

/**
 * The parameters of Linen's `Dense` and NNX's `Linear` after the feature counts, from `use_bias`
 * to `bias_init`, which both list in the same order (camelCase); each adds its own after them.
 */
export const LINEAR_SHARED_PARAMS: readonly string[] = ['useBias', 'dtype', 'paramDtype', 'precision', 'kernelInit', 'biasInit'];

/**
 * The `linear` IR of a Flax `Dense` or `Linear`: its `(in, out)` kernel is the canonical layout.
 *
 * @example
 * ```ts
 * linearIR(this.kernel.value, this.bias?.value);
 * ```
 */
export function linearIR(kernel: Tensor, bias: Tensor | undefined): LinearIR {
  return {
    kind: 'linear',
    params: { inFeatures: kernel.shape[0]!, outFeatures: kernel.shape[1]! },
    tensors: bias ? { kernel, bias } : { kernel },
  };
}
