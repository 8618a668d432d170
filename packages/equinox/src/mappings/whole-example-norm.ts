import type { Tensor } from '@interop/core';
import { shapeChannelsFirst, toChannelsFirst } from '../layout.js';

/**
 * The fields of an Equinox norm over the whole example (LayerNorm, RMSNorm) from an IR's
 * `featureShape`, `epsilon` and `scale` / `bias`, moved back channels-first.
 *
 * @example
 * ```ts
 * assemble(LayerNorm, wholeExampleFields(ir.params, ir.tensors));
 * ```
 */
export function wholeExampleFields(params: { featureShape: number[]; epsilon: number }, tensors: { scale?: Tensor; bias?: Tensor }) {
  const { scale, bias } = tensors;
  return {
    shape: shapeChannelsFirst(params.featureShape),
    eps: params.epsilon,
    useWeight: scale !== undefined,
    useBias: bias !== undefined,
    weight: scale ? toChannelsFirst(scale) : null,
    bias: bias ? toChannelsFirst(bias) : null,
  };
}
