import { ConversionError, InteropError, defineMapping, resolveConvPadding } from '@interop/core';
import type { ConversionContext, ConvIR } from '@interop/core';
import { Conv, Conv1d, Conv2d, Conv3d } from '../modules/conv.js';
import type { BrainstatePadding } from '../modules/conv.js';

const CLASSES = { 1: Conv1d, 2: Conv2d, 3: Conv3d } as const;

/** Refuses a sample input whose shape is not the conv's `in_size` (BrainState's call would too). */
function checkInput(layer: Conv, ctx: ConversionContext): void {
  const shape = ctx.inputShape;
  if (shape === undefined) return;
  if (shape.length !== layer.inSize.length || shape.some((n, i) => n !== layer.inSize[i])) {
    throw new InteropError(
      'E_SHAPE_MISMATCH',
      `${layer.type} was built for in_size [${layer.inSize.join(', ')}], but the sample input is [${shape.join(', ')}]`,
      {
        expected: `[${layer.inSize.join(', ')}]`,
        found: `[${shape.join(', ')}]`,
        fix: 'Pass a sampleInput of the shape the layer was built for (spatial dims and channels, no batch)',
      },
    );
  }
}

/** BrainState takes 'SAME', 'VALID' or explicit pairs: lax's other strings become the pairs they mean. */
function padding(ir: ConvIR, inSize: number[]): BrainstatePadding {
  const p = ir.params.padding;
  if (p === 'SAME' || p === 'VALID') return p;
  return resolveConvPadding(p, inSize.slice(0, -1), ir.params.kernelSize, ir.params.strides, ir.params.kernelDilation);
}

function build(ir: ConvIR, ctx: ConversionContext): Conv {
  const nd = ir.params.kernelSize.length as 1 | 2 | 3;
  const inSize = ctx.requireInputShape(`Conv${nd}d`);
  const { inFeatures, outFeatures, featureGroups, paddingMode } = ir.params;
  if (inSize.length !== nd + 1) {
    throw new ConversionError(`Conv${nd}d needs a sample input of ${nd} spatial dims plus channels, but got [${inSize.join(', ')}]`, {
      expected: `${nd + 1} entries`,
      found: `[${inSize.join(', ')}]`,
    });
  }
  if (inSize[nd] !== inFeatures) {
    throw new ConversionError(
      `the conv kernel expects ${inFeatures} input channels (kernel in//groups=${inFeatures / featureGroups} * groups=${featureGroups}), but the sample input has ${inSize[nd]} channels in its last (channel) axis`,
      { expected: inFeatures, found: inSize[nd], fix: "Pass a sampleInput whose channel count matches the layer's kernel" },
    );
  }
  if (paddingMode !== 'zeros') {
    throw new ConversionError(`brainstate convolutions pad with zeros only, not '${paddingMode}'`, {
      found: paddingMode,
      fix: 'Use a zero-padded conv',
    });
  }
  const { kernel, bias } = ir.tensors;
  const Cls = CLASSES[nd];
  const layer = new Cls(inSize, outFeatures, ir.params.kernelSize, {
    stride: ir.params.strides,
    padding: padding(ir, inSize),
    lhsDilation: ir.params.inputDilation,
    rhsDilation: ir.params.kernelDilation,
    groups: featureGroups,
    bInit: bias ? 'ZeroInit' : null,
  });
  layer.weight.value = bias ? { weight: kernel!, bias: bias.reshape([...Array<number>(nd).fill(1), outFeatures]) } : { weight: kernel! };
  return layer;
}

function convMapping<T extends Conv>(nd: 1 | 2 | 3, layerType: abstract new (...args: never[]) => T) {
  return defineMapping({
    meta: {
      framework: 'brainstate',
      layer: `Conv${nd}d`,
      ir: 'conv',
      status: 'stable',
      description: `brainstate.nn.Conv${nd}d ↔ conv (channels-last, weight (*kernel, in // groups, out), bias (1, …, out) ↔ (out,))`,
    },
    layerType,
    accepts: (ir: ConvIR) => ir.params.kernelSize.length === nd,
    toIR: (layer: T, ctx: ConversionContext) => {
      checkInput(layer, ctx);
      return layer.toIR();
    },
    fromIR: (ir: ConvIR, ctx: ConversionContext) => build(ir, ctx),
  });
}

/**
 * `brainstate.nn.Conv1d` ↔ `conv` with one spatial dim; building needs the sample input's shape
 * (`in_size`) and checks its channels against the kernel.
 *
 * @example
 * ```ts
 * conv1d.toIR(new Conv1d([8, 3], 5, 3), ctx);
 * ```
 */
export const conv1d = convMapping(1, Conv1d);
/**
 * `brainstate.nn.Conv2d` ↔ `conv` with two spatial dims.
 *
 * @example
 * ```ts
 * conv2d.toIR(new Conv2d([6, 6, 3], 4, 3), ctx);
 * ```
 */
export const conv2d = convMapping(2, Conv2d);
/**
 * `brainstate.nn.Conv3d` ↔ `conv` with three spatial dims.
 *
 * @example
 * ```ts
 * conv3d.toIR(new Conv3d([4, 4, 3, 2], 3, 2), ctx);
 * ```
 */
export const conv3d = convMapping(3, Conv3d);
