import { ConversionError, defineMapping } from '@interop/core';
import type { ConvIR } from '@interop/core';
import { LinenNode } from '../adapter.js';
import { Conv } from '../modules/conv.js';
import type { LinenPadding } from '../modules/conv.js';

function linenPadding(ir: ConvIR): LinenPadding {
  const { padding, paddingMode, kernelSize, kernelDilation, strides } = ir.params;
  if (paddingMode === 'zeros') return typeof padding === 'string' ? padding : padding.map(([lo, hi]) => [lo, hi] as [number, number]);
  if (paddingMode === 'replicate') throw new ConversionError('Linen Conv has no replicate (edge) padding');
  const name = paddingMode === 'circular' ? 'CIRCULAR' : 'REFLECT';
  const wanted = kernelSize.map((k, i) => {
    const eff = (k - 1) * kernelDilation[i]! + 1;
    return [Math.floor((eff - 1) / 2), Math.floor(eff / 2)];
  });
  const same = padding === 'SAME' && strides.every((s) => s === 1);
  if (same || (Array.isArray(padding) && JSON.stringify(padding) === JSON.stringify(wanted))) return name;
  throw new ConversionError(`Linen ${name} padding pads ((k-1)//2, k//2); the IR pads ${JSON.stringify(padding)}`);
}

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
  meta: { framework: 'linen', layer: 'Conv', ir: 'conv', status: 'stable', description: 'flax.linen.Conv ↔ conv (HWIO kernel, channels-last)' },
  layerType: Conv,
  toIR: (node: LinenNode) => node.module.toIR(node.variables),
  fromIR: (ir: ConvIR) => {
    const { kernel, bias } = ir.tensors;
    const p = ir.params;
    const module = new Conv(p.outFeatures, p.kernelSize, {
      strides: p.strides,
      padding: linenPadding(ir),
      inputDilation: p.inputDilation,
      kernelDilation: p.kernelDilation,
      featureGroupCount: p.featureGroups,
      useBias: bias !== undefined,
    });
    return new LinenNode(module, { params: bias ? { kernel: kernel!, bias } : { kernel: kernel! } });
  },
});
