import { ConversionError, defineMapping, InteropError } from '@interop/core';
import type { SoftmaxIR } from '@interop/core';
import { EqxNode } from '../adapter.js';
import { Lambda } from '../modules/lambda.js';
import { lambda } from './lambda.js';

/** The key this mapping is registered under (reading goes through the `Lambda` mapping). */
abstract class LogSoftmaxLambda extends Lambda {}

/**
 * `softmax` (log) → `eqx.nn.Lambda(jax.nn.log_softmax)`, for a log-softmax that is a layer (a list
 * item, as in Equinox's MNIST example): `jax.nn.log_softmax` works on the last axis of the
 * channels-first example, i.e. channels-last axis -1 of a vector, -2 of an image.
 *
 * @throws {InteropError} E_MISSING_ARCH when the example's rank is unknown.
 * @throws {ConversionError} for another axis.
 * @example
 * ```ts
 * logSoftmax.fromIR({ kind: 'softmax', params: { axis: -1, log: true }, tensors: {} }, ctx).module; // Lambda('log_softmax')
 * ```
 */
export const logSoftmax = defineMapping({
  meta: {
    framework: 'equinox',
    layer: 'LambdaLogSoftmax',
    ir: 'softmax',
    status: 'stable',
    description: 'softmax (log) → eqx.nn.Lambda(jax.nn.log_softmax) over the last Equinox axis',
    listed: false,
  },
  layerType: LogSoftmaxLambda,
  toIR: (node: EqxNode, ctx) => lambda.toIR(node, ctx) as unknown as SoftmaxIR,
  accepts: (ir: SoftmaxIR) => ir.params.log,
  fromIR: (ir: SoftmaxIR, ctx) => {
    const rank = ctx.inputShape?.length;
    if (rank === undefined) {
      throw new InteropError(
        'E_MISSING_ARCH',
        'A log-softmax layer becomes Lambda(jax.nn.log_softmax), whose axis depends on the rank of the example, unknown here',
        {
          path: ctx.path,
          fix: 'Pass a sample input (--sample-input, or sampleInput in the API)',
        },
      );
    }
    const axis = ir.params.axis < 0 ? ir.params.axis + rank : ir.params.axis;
    const last = rank >= 2 ? rank - 2 : rank - 1;
    if (axis !== last) {
      throw new ConversionError(
        `Lambda(jax.nn.log_softmax) works on the last axis of the channels-first example (channels-last axis ${last - rank}), not axis ${ir.params.axis}`,
        {
          path: ctx.path,
          fix: 'Write it as a forward step ({ "fn": "log_softmax", "axis": ... }) of the module instead',
        },
      );
    }
    return new EqxNode(new Lambda('log_softmax'));
  },
});
