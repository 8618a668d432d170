import { defineMapping, InteropError, Tensor } from '@interop/core';
import type { BatchNormIR } from '@interop/core';
import { EqxNode } from '../adapter.js';
import { BatchNorm } from '../modules/batch-norm.js';
import { filled } from '../modules/whole-example-norm.js';
import { State } from '../state.js';
import { checkInput } from './check-input.js';

declare module '@interop/core' {
  interface ConversionOptions {
    /**
     * The `mode` of an `eqx.nn.BatchNorm` built from IR: `'ema'` (Equinox's default) stores the
     * statistics with `first_time = False`; `'batch'` stores them as the hidden statistics with
     * counter 0 (no debiasing). Both compute the IR's inference output.
     */
    equinoxBatchNormMode?: 'ema' | 'batch';
  }
}

/**
 * `eqx.nn.BatchNorm` + its State ↔ `batch-norm`, in inference mode. Reading needs the State
 * (pass `[model, state]`): `ema` mode gives its running `(mean, var)`, `batch` mode its hidden
 * statistics debiased by `1 - momentum**counter` (as Equinox's inference does). Building returns
 * the layer with `inference=True` and a State holding the IR's statistics (`fromIR` then returns
 * `[model, state]`); `options.equinoxBatchNormMode` picks the mode.
 *
 * @example
 * ```ts
 * const ir = registry.toIR([bn, state], 'equinox');
 * const [bn2, state2] = registry.fromIR(ir, 'equinox') as [BatchNorm, State];
 * ```
 */
export const batchNorm = defineMapping({
  meta: {
    framework: 'equinox',
    layer: 'BatchNorm',
    ir: 'batch-norm',
    status: 'stable',
    description: 'eqx.nn.BatchNorm + State ↔ batch-norm (inference; batch-mode debiasing applied)',
  },
  layerType: BatchNorm,
  toIR: (node: EqxNode, ctx) => {
    const m = node.module as BatchNorm;
    checkInput(ctx, 'BatchNorm', { channels: m.inputSize });
    if (!node.state) {
      throw new InteropError(
        'E_INVALID_ARGUMENT',
        "eqx.nn.BatchNorm keeps its running statistics in the model's State, and none was given",
        {
          path: ctx.path,
          fix: 'Convert [model, state] (from makeWithState, modelWithStateFromSpec or treeDeserialiseLeaves), as Equinox users keep them',
        },
      );
    }
    return m.toIR({ state: node.state });
  },
  fromIR: (ir: BatchNormIR, ctx) => {
    const p = ir.params;
    checkInput(ctx, 'BatchNorm', { channels: p.channels });
    const mode = ctx.options.equinoxBatchNormMode ?? 'ema';
    if (mode !== 'ema' && mode !== 'batch')
      throw new InteropError('E_INVALID_ARGUMENT', `equinoxBatchNormMode must be 'ema' or 'batch'`, { found: String(mode) });
    const { mean, var: variance, scale, bias } = ir.tensors;
    const affine = scale !== undefined || bias !== undefined;
    const dtype = (scale ?? bias ?? mean!).dtype;
    const bn = new BatchNorm(p.channels, 'batch', {
      eps: p.epsilon,
      channelwiseAffine: affine,
      momentum: p.momentum,
      inference: true,
      mode,
      dtype,
    });
    const model = affine
      ? bn.replace({ weight: scale ?? filled([p.channels], 1, dtype), bias: bias ?? filled([p.channels], 0, dtype) })
      : bn;
    let state = new State(model);
    if (mode === 'ema') {
      state = state.set(model.emaFirstTimeIndex!, Tensor.fromArray([0], [], 'bool')).set(model.emaStateIndex!, [mean!, variance!]);
    } else {
      state = state.set(model.batchCounter!, Tensor.fromArray([0], [], 'int32')).set(model.batchStateIndex!, [mean!, variance!]);
    }
    return new EqxNode(model, state);
  },
});
