import type { ConversionContext, LayerNormIR, RMSNormIR, Tensor } from '@interop/core';
import { EqxNode } from '../adapter.js';
import { shapeChannelsFirst, shapeChannelsLast, toChannelsFirst } from '../layout.js';
import { assemble } from '../modules/common.js';
import type { WholeExampleNorm } from '../modules/whole-example-norm.js';
import { checkInput, checkedToIR } from './check-input.js';

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

/**
 * `toIR` and `fromIR` of a norm over the whole example: its `shape` moved channels-last is the
 * IR's `featureShape`, and must be the whole sample input.
 *
 * @example
 * ```ts
 * defineMapping({ meta, layerType: RMSNorm, ...wholeExampleConversion<RMSNormIR>('RMSNorm', RMSNorm) });
 * ```
 */
export function wholeExampleConversion<IR extends LayerNormIR | RMSNormIR>(layer: string, cls: { prototype: WholeExampleNorm }) {
  return {
    toIR: checkedToIR<WholeExampleNorm, IR>((m) => ({ shape: shapeChannelsLast(m.shape) })),
    fromIR: (ir: IR, ctx: ConversionContext): EqxNode => {
      checkInput(ctx, layer, { shape: ir.params.featureShape });
      return new EqxNode(assemble(cls, wholeExampleFields(ir.params, ir.tensors)));
    },
  };
}
