import { ConversionError, InteropError, defineMapping } from '@interop/core';
import type { BatchNormIR, ConversionContext } from '@interop/core';
import { BatchNorm, BatchNorm0d, BatchNorm1d, BatchNorm2d, BatchNorm3d } from '../modules/batch-norm.js';
import { featureShape } from '../modules/norm-common.js';

const CLASSES = [BatchNorm0d, BatchNorm1d, BatchNorm2d, BatchNorm3d] as const;

/** BrainState's builder: the class from the input's rank, then the IR's arrays in feature shape. */
function build(ir: BatchNormIR, ctx: ConversionContext): BatchNorm {
  const inSize = ctx.requireInputShape('BatchNorm');
  const nd = inSize.length - 1;
  const Cls = CLASSES[nd];
  if (!Cls) {
    throw new ConversionError(
      `brainstate has BatchNorm0d to BatchNorm3d, none for a sample input of ${nd} spatial dims [${inSize.join(', ')}]`,
      {
        found: `[${inSize.join(', ')}]`,
        fix: 'Pass a sampleInput of (C,), (L, C), (H, W, C) or (D, H, W, C)',
      },
    );
  }
  const { channels, epsilon, momentum } = ir.params;
  if (inSize[nd] !== channels) {
    throw new ConversionError(`BatchNorm has ${channels} channels, but the sample input's last axis has ${inSize[nd]}`, {
      expected: channels,
      found: `[${inSize.join(', ')}]`,
    });
  }
  const { scale, bias, mean, var: variance } = ir.tensors;
  if (!mean || !variance) {
    throw new ConversionError('a batch-norm IR without running mean and variance cannot build a brainstate BatchNorm', {
      fix: 'Convert a batch norm that tracks running statistics',
    });
  }
  const layer = new Cls(inSize, { epsilon, momentum, affine: scale !== undefined || bias !== undefined });
  const shape = featureShape(inSize);
  if (layer.weight)
    layer.weight.value = { ...(scale ? { scale: scale.reshape(shape) } : {}), ...(bias ? { bias: bias.reshape(shape) } : {}) };
  layer.runningMean!.value = mean.reshape(shape);
  layer.runningVar!.value = variance.reshape(shape);
  return layer;
}

function bnMapping<T extends BatchNorm>(nd: 0 | 1 | 2 | 3, layerType: abstract new (...args: never[]) => T) {
  return defineMapping({
    meta: {
      framework: 'brainstate',
      layer: `BatchNorm${nd}d`,
      ir: 'batch-norm',
      status: 'stable',
      description: `brainstate.nn.BatchNorm${nd}d ↔ batch-norm (running statistics, weight {scale, bias}, feature shape ↔ (C,))`,
    },
    layerType,
    // The IR does not say its rank; the input shape (when threaded onto it) picks the class.
    accepts: (ir: BatchNormIR) => ir.inputShape === undefined || ir.inputShape.length === nd + 1,
    toIR: (layer: T, ctx: ConversionContext) => {
      const shape = ctx.inputShape;
      if (shape && (shape.length !== layer.inSize.length || shape.some((n, i) => n !== layer.inSize[i]))) {
        throw new InteropError(
          'E_SHAPE_MISMATCH',
          `${layer.type} was built for in_size [${layer.inSize.join(', ')}], but the sample input is [${shape.join(', ')}]`,
          {
            expected: `[${layer.inSize.join(', ')}]`,
            found: `[${shape.join(', ')}]`,
          },
        );
      }
      return layer.toIR();
    },
    fromIR: (ir: BatchNormIR, ctx: ConversionContext) => build(ir, ctx),
  });
}

/**
 * `brainstate.nn.BatchNorm0d` ↔ `batch-norm` on `(C,)` inputs; building needs the sample input.
 *
 * @example
 * ```ts
 * batchNorm0d.toIR(new BatchNorm0d([3]), ctx);
 * ```
 */
export const batchNorm0d = bnMapping(0, BatchNorm0d);
/**
 * `brainstate.nn.BatchNorm1d` ↔ `batch-norm` on `(L, C)` inputs.
 *
 * @example
 * ```ts
 * batchNorm1d.toIR(new BatchNorm1d([5, 3]), ctx);
 * ```
 */
export const batchNorm1d = bnMapping(1, BatchNorm1d);
/**
 * `brainstate.nn.BatchNorm2d` ↔ `batch-norm` on `(H, W, C)` inputs.
 *
 * @example
 * ```ts
 * batchNorm2d.toIR(new BatchNorm2d([4, 4, 3]), ctx);
 * ```
 */
export const batchNorm2d = bnMapping(2, BatchNorm2d);
/**
 * `brainstate.nn.BatchNorm3d` ↔ `batch-norm` on `(D, H, W, C)` inputs.
 *
 * @example
 * ```ts
 * batchNorm3d.toIR(new BatchNorm3d([2, 3, 2, 3]), ctx);
 * ```
 */
export const batchNorm3d = bnMapping(3, BatchNorm3d);
