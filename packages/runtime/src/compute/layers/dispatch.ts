import { InteropError, isInteropError } from '@interop/core';
import type { LayerIR, Tensor } from '@interop/core';
import { lstmStep, gruChoStep, gruStep } from './cells.js';
import type { Activation, LayerContext } from './context.js';
import { expectInput, floats, sameShape } from './context.js';
import { runConv } from './conv.js';
import { runLinear } from './dense.js';
import { runEmbedding } from './embedding.js';
import { runModule } from './module.js';
import { runBatchNorm, runGroupNorm, runLayerNorm } from './norms.js';
import { runActivation, runDropout } from './pointwise.js';
import { runPool } from './pool.js';
import { runMean, runSoftmax } from './reduce.js';
import { runFlatten, runReshape } from './reshape.js';

/**
 * Runs one IR node (recursing into sequential stacks and module trees) on a batched input. The input stays a
 * Tensor until the first layer, so embedding can read integer ids; cells run one step from a
 * zero carry and return `h'`.
 *
 * @throws {InteropError} E_INVALID_IR for unknown kinds; errors inside a stack carry the path
 *   `layers/<i>`.
 * @example
 * ```ts
 * const y = runLayer(ir, { tensor: x }, ctx);
 * ```
 */
export function runLayer(ir: LayerIR, input: Activation | { tensor: Tensor }, ctx: LayerContext): Activation {
  if (ir === null || typeof ir !== 'object' || typeof (ir as { kind?: unknown }).kind !== 'string') {
    throw new InteropError('E_INVALID_IR', 'A layer IR must be an object with a string "kind"', { found: ir });
  }
  const shape = 'tensor' in input ? [...input.tensor.shape] : input.shape;
  if (ir.inputShape !== undefined) {
    expectInput(sameShape(shape.slice(1), ir.inputShape), ir, shape, `[batch, ${ir.inputShape.join(', ')}] (the IR's inputShape)`);
  }
  if (ir.kind === 'embedding') {
    if (!('tensor' in input)) throw new InteropError('E_INVALID_IR', 'An embedding can only be the first layer of a stack');
    return runEmbedding(ir, input.tensor, ctx);
  }
  if (ir.kind === 'sequential') return runStack(ir.layers, input, ctx);
  if (ir.kind === 'module') return runModule(ir, input, ctx, runLayer);
  const x = 'tensor' in input ? { data: floats(input.tensor, ctx, `Input to ${ir.kind}`), shape } : input;
  switch (ir.kind) {
    case 'linear':
      return runLinear(ir, x, ctx);
    case 'conv':
      return runConv(ir, x, ctx);
    case 'layer-norm':
    case 'rms-norm':
      return runLayerNorm(ir, x, ctx);
    case 'group-norm':
      return runGroupNorm(ir, x, ctx);
    case 'batch-norm':
      return runBatchNorm(ir, x, ctx);
    case 'dropout':
      return runDropout(ir, x);
    case 'activation':
      return runActivation(ir, x, ctx);
    case 'pool':
      return runPool(ir, x, ctx);
    case 'flatten':
      return runFlatten(ir, x);
    case 'reshape':
      return runReshape(ir, x);
    case 'mean':
      return runMean(ir, x, ctx);
    case 'softmax':
      return runSoftmax(ir, x, ctx);
    case 'lstm-cell':
    case 'gru-cell':
    case 'gru-cell-cho':
      return runCellFromZero(ir, x, ctx);
    default:
      throw new InteropError('E_INVALID_IR', `Unknown IR kind "${String((ir as { kind: unknown }).kind)}"`, {
        fix: 'Use one of the kinds in BUILTIN_IR_KINDS',
      });
  }
}

function runStack(layers: LayerIR[], x: Activation | { tensor: Tensor }, ctx: LayerContext): Activation {
  if (!Array.isArray(layers)) throw new InteropError('E_INVALID_IR', 'A sequential IR needs a "layers" array');
  let cur = x;
  layers.forEach((layer, i) => {
    try {
      cur = runLayer(layer, cur, ctx);
    } catch (e) {
      throw isInteropError(e) ? e.at(`layers/${i}`) : e;
    }
  });
  return 'tensor' in cur ? runLayer({ kind: 'dropout', params: { rate: 0 }, tensors: {} }, cur, ctx) : cur;
}

function runCellFromZero(ir: LayerIR & { params: { inputSize: number; hiddenSize: number } }, x: Activation, ctx: LayerContext): Activation {
  const { inputSize: I, hiddenSize: H } = ir.params;
  expectInput(x.shape.length === 2 && x.shape[1] === I, ir, x.shape, `[batch, ${I}]`);
  const batch = x.shape[0]!;
  const zero = { h: ctx.backend.alloc(batch * H), c: ctx.backend.alloc(batch * H) };
  const step = ir.kind === 'lstm-cell' ? lstmStep : ir.kind === 'gru-cell' ? gruStep : gruChoStep;
  return { data: step(ir as never, x.data, zero, batch, ctx).h, shape: [batch, H] };
}
