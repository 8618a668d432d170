import { ConversionError, defineMapping } from '@interop/core';
import type { ConvIR } from '@interop/core';
import { Conv } from '../modules/conv.js';
import type { NnxPadding } from '../modules/conv.js';
import { SHAPE_ONLY } from '../rngs.js';
import { fill, floatDtype } from './build.js';

function nnxPadding(ir: ConvIR): NnxPadding {
  const { padding, paddingMode, kernelSize, kernelDilation, strides } = ir.params;
  if (paddingMode === 'zeros') return typeof padding === 'string' ? padding : padding.map(([lo, hi]) => [lo, hi] as [number, number]);
  if (paddingMode === 'replicate') throw new ConversionError('NNX Conv has no replicate (edge) padding', { fix: 'Pad the input with edge values before the Conv and use VALID padding' });
  const name = paddingMode === 'circular' ? 'CIRCULAR' : 'REFLECT';
  const wanted = kernelSize.map((k, i) => {
    const eff = (k - 1) * kernelDilation[i]! + 1;
    return [Math.floor((eff - 1) / 2), Math.floor(eff / 2)];
  });
  const same = padding === 'SAME' && strides.every((s) => s === 1);
  if (same || (Array.isArray(padding) && JSON.stringify(padding) === JSON.stringify(wanted))) return name;
  throw new ConversionError(`NNX ${name} padding pads ((k-1)//2, k//2) of the dilated kernel; the IR pads ${JSON.stringify(padding)}`);
}

/**
 * `nnx.Conv` ↔ `conv` (1-3 spatial axes): NNX's HWIO kernel is the canonical layout; every NNX
 * padding (ints, pairs, SAME, SAME_LOWER, VALID, CAUSAL, CIRCULAR, REFLECT), strides, input and
 * kernel dilation and feature groups map onto the IR exactly, both ways.
 *
 * @example
 * ```ts
 * conv.toIR(new Conv(3, 4, [3, 3], { rngs: new Rngs(0) }), ctx);
 * ```
 */
export const conv = defineMapping({
  meta: { framework: 'nnx', layer: 'Conv', ir: 'conv', status: 'stable', description: 'flax.nnx.Conv ↔ conv (HWIO kernel, channels-last)' },
  layerType: Conv,
  toIR: (layer: Conv) => layer.toIR(),
  fromIR: (ir: ConvIR) => {
    const { kernel, bias } = ir.tensors;
    const p = ir.params;
    if (typeof p.padding === 'string' && p.inputDilation.some((d) => d !== 1)) {
      throw new ConversionError(`NNX Conv cannot combine input dilation with '${p.padding}' padding (lax.conv_general_dilated refuses it)`, {
        fix: 'Give the IR explicit [low, high] padding pairs for an input-dilated conv',
      });
    }
    const dt = floatDtype(kernel);
    const m = new Conv(p.inFeatures, p.outFeatures, p.kernelSize, {
      strides: p.strides,
      padding: nnxPadding(ir),
      inputDilation: p.inputDilation,
      kernelDilation: p.kernelDilation,
      featureGroupCount: p.featureGroups,
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
