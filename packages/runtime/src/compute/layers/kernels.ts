import { InteropError, isInteropError } from '@interop/core';
import type { BuiltinIRKind, IRKinds, LayerIR } from '@interop/core';
import { gruChoStep, gruStep, lstmStep } from './cells.js';
import type { Activation, LayerContext } from './context.js';
import { expectInput, floats } from './context.js';
import { runConv } from './conv.js';
import { runLinear } from './dense.js';
import { runEmbedding } from './embedding.js';
import { runModule } from './module.js';
import type { NodeRunner } from './module.js';
import { runBatchNorm, runGroupNorm, runLayerNorm } from './norms.js';
import { runActivation, runDropout } from './pointwise.js';
import { runPool } from './pool.js';
import type { Flowing } from './program.js';
import { runMean, runSoftmax } from './reduce.js';
import { runFlatten, runReshape } from './reshape.js';

/**
 * The runtime's forward for one kind: the node, the value flowing in (the raw input tensor before
 * the first layer), the context, and the dispatcher for nested nodes.
 */
export type Kernel<N> = (ir: N, input: Flowing, ctx: LayerContext, runNode: NodeRunner) => Activation;

/** A kernel on float activations: decodes a raw input tensor first (`Input to <kind>`). */
function onFloats<N extends { kind: string }>(run: (ir: N, x: Activation, ctx: LayerContext) => Activation): Kernel<N> {
  return (ir, input, ctx) =>
    run(ir, 'tensor' in input ? { data: floats(input.tensor, ctx, `Input to ${ir.kind}`), shape: [...input.tensor.shape] } : input, ctx);
}

function runStack(layers: LayerIR[], x: Flowing, ctx: LayerContext, runNode: NodeRunner): Activation {
  if (!Array.isArray(layers)) throw new InteropError('E_INVALID_IR', 'A sequential IR needs a "layers" array');
  let cur = x;
  layers.forEach((layer, i) => {
    try {
      cur = runNode(layer, cur, ctx);
    } catch (e) {
      throw isInteropError(e) ? e.at(`layers/${i}`) : e;
    }
  });
  return 'tensor' in cur ? runNode({ kind: 'dropout', params: { rate: 0 }, tensors: {} }, cur, ctx) : cur;
}

type CellNode = IRKinds['lstm-cell' | 'gru-cell' | 'gru-cell-cho'];

function runCellFromZero(ir: CellNode, x: Activation, ctx: LayerContext): Activation {
  const { inputSize: I, hiddenSize: H } = ir.params;
  expectInput(x.shape.length === 2 && x.shape[1] === I, ir, x.shape, `[batch, ${I}]`);
  const batch = x.shape[0]!;
  const zero = { h: ctx.backend.alloc(batch * H), c: ctx.backend.alloc(batch * H) };
  const step = ir.kind === 'lstm-cell' ? lstmStep : ir.kind === 'gru-cell' ? gruStep : gruChoStep;
  return { data: step(ir as never, x.data, zero, batch, ctx).h, shape: [batch, H] };
}

/**
 * The runtime's kernel for every built-in kind, by kind: the one place a built-in kind meets its
 * forward. Typed by core's `BuiltinIRKind`, so a kind added to core without a kernel here fails
 * to compile. Kinds not in it (a plugin's) run through their definition's `run`.
 */
export const KERNELS: { readonly [K in BuiltinIRKind]: Kernel<IRKinds[K]> } = {
  linear: onFloats(runLinear),
  embedding: (ir, input, ctx) => {
    if (!('tensor' in input)) throw new InteropError('E_INVALID_IR', 'An embedding can only be the first layer of a stack');
    return runEmbedding(ir, input.tensor, ctx);
  },
  conv: onFloats(runConv),
  'layer-norm': onFloats(runLayerNorm),
  'rms-norm': onFloats(runLayerNorm),
  'group-norm': onFloats(runGroupNorm),
  'batch-norm': onFloats(runBatchNorm),
  dropout: onFloats((ir, x) => runDropout(ir, x)),
  'lstm-cell': onFloats(runCellFromZero),
  'gru-cell': onFloats(runCellFromZero),
  'gru-cell-cho': onFloats(runCellFromZero),
  activation: onFloats(runActivation),
  pool: onFloats(runPool),
  flatten: onFloats((ir, x) => runFlatten(ir, x)),
  reshape: onFloats((ir, x) => runReshape(ir, x)),
  mean: onFloats(runMean),
  softmax: onFloats(runSoftmax),
  sequential: (ir, input, ctx, runNode) => runStack(ir.layers, input, ctx, runNode),
  module: (ir, input, ctx, runNode) => runModule(ir, input, ctx, runNode),
};
