import { InteropError } from '../errors/interop-error.js';
import type { Shape } from '../tensor/tensor.js';
import { convOutputShape } from './conv-shape.js';
import type { LayerIR } from './kinds.js';
import { flowForward } from './module-shape.js';
import { meanOutputShape, poolOutputShape, reshapeOutputShape, softmaxAxis } from './op-shape.js';

function lastAxis(kind: string, inputShape: Shape, expected: number): void {
  const found = inputShape[inputShape.length - 1];
  if (found !== expected) {
    throw new InteropError('E_SHAPE_MISMATCH', `The last input axis does not match the ${kind} layer`, {
      expected,
      found: `[${inputShape.join(', ')}]`,
    });
  }
}

function replaceLast(inputShape: Shape, size: number): number[] {
  return [...inputShape.slice(0, -1), size];
}

function trailing(kind: string, inputShape: Shape, featureShape: readonly number[]): void {
  const tail = inputShape.slice(inputShape.length - featureShape.length);
  if (featureShape.length > inputShape.length || tail.some((d, i) => d !== featureShape[i])) {
    throw new InteropError('E_SHAPE_MISMATCH', `The trailing input axes do not match the ${kind} feature shape`, {
      expected: `[..., ${featureShape.join(', ')}]`,
      found: `[${inputShape.join(', ')}]`,
    });
  }
}

/**
 * The unbatched, channels-last output shape of a built-in layer kind applied to `inputShape`.
 * Norms, dropout and activations keep the shape (checking their feature axes); linear and the
 * recurrent cells replace the last axis; embedding appends the feature axis to the index shape;
 * conv and pool follow `lax` padding rules; flatten, reshape and mean change the shape as numpy
 * does; sequential folds over its layers; a module flows the shape through its forward program.
 *
 * @throws {InteropError} E_SHAPE_MISMATCH when the input does not fit the layer; E_INVALID_IR for
 *   a kind core does not know (plugins supply shape functions for their own kinds).
 * @example
 * ```ts
 * inferOutputShape(linearIR, [5, 3]); // [5, outFeatures]
 * ```
 */
export function inferOutputShape(ir: LayerIR, inputShape: Shape): number[] {
  switch (ir.kind) {
    case 'linear':
      lastAxis(ir.kind, inputShape, ir.params.inFeatures);
      return replaceLast(inputShape, ir.params.outFeatures);
    case 'lstm-cell':
    case 'gru-cell':
    case 'gru-cell-cho':
      lastAxis(ir.kind, inputShape, ir.params.inputSize);
      return replaceLast(inputShape, ir.params.hiddenSize);
    case 'embedding':
      return [...inputShape, ir.params.features];
    case 'conv':
      return convOutputShape(ir, inputShape);
    case 'layer-norm':
    case 'rms-norm':
      trailing(ir.kind, inputShape, ir.params.featureShape);
      return [...inputShape];
    case 'group-norm':
    case 'batch-norm':
      lastAxis(ir.kind, inputShape, ir.params.channels);
      return [...inputShape];
    case 'dropout':
    case 'activation':
      return [...inputShape];
    case 'pool':
      return poolOutputShape(ir, inputShape);
    case 'flatten':
      return [inputShape.reduce((a, b) => a * b, 1)];
    case 'reshape':
      return reshapeOutputShape(ir, inputShape);
    case 'mean':
      return meanOutputShape(ir, inputShape);
    case 'softmax':
      softmaxAxis(ir, inputShape);
      return [...inputShape];
    case 'sequential':
      return ir.layers.reduce<number[]>((shape, layer) => inferOutputShape(layer, shape), [...inputShape]);
    case 'module':
      if (!ir.forward) {
        throw new InteropError('E_MISSING_ARCH', `Module \`${ir.params.name}\` has no forward program, so its output shape is unknown`, {
          fix: 'Give the module spec a `forward` list of steps',
        });
      }
      return flowForward(ir, ir.forward, inputShape, (node, shape) => inferOutputShape(node as LayerIR, shape), '');
    default:
      throw new InteropError('E_INVALID_IR', `Core has no shape rule for IR kind "${(ir as { kind: string }).kind}"`, {
        fix: 'Give the plugin that defines this kind a `shapes` entry for it',
      });
  }
}
