import { ConversionError, defineMapping, transpose } from '@interop/core';
import type { ConvIR } from '@interop/core';
import { EqxNode } from '../adapter.js';
import { assemble } from '../modules/common.js';
import { Conv, Conv1d, Conv2d, Conv3d } from '../modules/conv.js';
import type { EqxPaddingMode } from '../modules/conv.js';
import { checkedToIR } from './check-input.js';

const MODES: Record<ConvIR['params']['paddingMode'], EqxPaddingMode> = {
  zeros: 'ZEROS',
  reflect: 'REFLECT',
  replicate: 'REPLICATE',
  circular: 'CIRCULAR',
};
const CLASSES: Record<number, { prototype: Conv }> = { 1: Conv1d, 2: Conv2d, 3: Conv3d };

/** Equinox's padding for the IR's: lax strings as they are, CAUSAL as its explicit pair. */
function eqxPadding(p: ConvIR['params']): string | Array<[number, number]> {
  if (p.padding === 'CAUSAL') {
    if (p.kernelSize.length !== 1) throw new ConversionError('CAUSAL padding is defined for 1-D convolutions only');
    return [[(p.kernelSize[0]! - 1) * p.kernelDilation[0]!, 0]];
  }
  return typeof p.padding === 'string' ? p.padding : p.padding.map(([lo, hi]) => [lo, hi]);
}

/**
 * `eqx.nn.Conv`/`Conv1d`/`Conv2d`/`Conv3d` ↔ `conv`: weight `(out, in/groups, *k)` is the IR's
 * HWIO kernel with its axes moved, bias `(out, 1, ..., 1)` is the IR's `(out,)`; padding
 * strings, pairs and padding modes carry over. The IR is channels-last: a converted conv takes
 * `(H, W, C)` examples where the Equinox layer takes `(C, H, W)`.
 *
 * @example
 * ```ts
 * conv.toIR(new EqxNode(new Conv2d(3, 4, 3, { key: key(0) })), ctx); // kernel [3, 3, 3, 4]
 * ```
 */
export const conv = defineMapping({
  meta: {
    framework: 'equinox',
    layer: 'Conv',
    ir: 'conv',
    status: 'stable',
    description: 'eqx.nn.Conv/Conv1d/Conv2d/Conv3d ↔ conv (OIHW weight, channels-first examples)',
  },
  layerType: Conv,
  toIR: checkedToIR((m: Conv) => ({ rank: m.numSpatialDims + 1, channels: m.inChannels })),
  accepts: (ir: ConvIR) => ir.params.kernelSize.length >= 1 && ir.params.kernelSize.length <= 3,
  fromIR: (ir: ConvIR) => {
    const p = ir.params;
    const n = p.kernelSize.length;
    if (p.inputDilation.some((d) => d !== 1)) {
      throw new ConversionError('eqx.nn.Conv has no input (lhs) dilation', {
        found: `inputDilation [${p.inputDilation.join(', ')}]`,
        fix: 'Equinox expresses input dilation only through ConvTranspose; keep this layer in a framework with input dilation',
      });
    }
    const { kernel, bias } = ir.tensors;
    const weight = transpose(kernel!, [n + 1, n, ...Array.from({ length: n }, (_, i) => i)]);
    const cls = CLASSES[n]!;
    return new EqxNode(
      assemble(cls, {
        numSpatialDims: n,
        weight,
        bias: bias ? bias.reshape([p.outFeatures, ...Array<number>(n).fill(1)]) : null,
        inChannels: p.inFeatures,
        outChannels: p.outFeatures,
        kernelSize: [...p.kernelSize],
        stride: [...p.strides],
        padding: eqxPadding(p),
        dilation: [...p.kernelDilation],
        groups: p.featureGroups,
        useBias: bias !== undefined,
        paddingMode: MODES[p.paddingMode],
      }),
    );
  },
});
