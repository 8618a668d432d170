import { InteropError } from '@interop/core';
import type { AnyModule } from './module.js';
import { Activation } from './modules/activation.js';
import { BatchNorm } from './modules/batch-norm.js';
import { Conv } from './modules/conv.js';
import { Dense } from './modules/dense.js';
import { Dropout } from './modules/dropout.js';
import { Embed } from './modules/embed.js';
import { GRUCell } from './modules/gru-cell.js';
import { GroupNorm } from './modules/group-norm.js';
import { LSTMCell } from './modules/lstm-cell.js';
import { LayerNorm } from './modules/layer-norm.js';
import { RMSNorm } from './modules/rms-norm.js';
import { ModuleTree } from './modules/module-tree.js';
import { Sequential } from './modules/sequential.js';
import { treeToSpec } from './tree-spec.js';
import type { ModuleSpec } from './spec.js';

function withDtypes(module: AnyModule, spec: ModuleSpec): ModuleSpec {
  return {
    ...spec,
    ...(module.dtype !== null ? { dtype: module.dtype } : {}),
    ...(module.paramDtype !== 'float32' ? { param_dtype: module.paramDtype } : {}),
  };
}

/**
 * The spec of a module, every argument written out (defaults included); a `Module` spec for a
 * {@link ModuleTree}.
 *
 * @example
 * ```ts
 * moduleToSpec(new Dense(8)); // { type: 'Dense', features: 8, use_bias: true }
 * ```
 */
export function moduleToSpec(module: AnyModule): ModuleSpec {
  if (module instanceof ModuleTree) return treeToSpec(module, moduleToSpec);
  const spec = specOf(module);
  return module instanceof Activation || module instanceof Dropout || module instanceof Sequential ? spec : withDtypes(module, spec);
}

function specOf(module: AnyModule): ModuleSpec {
  if (module instanceof Activation) return activationSpec(module);
  if (module instanceof BatchNorm) {
    const { useRunningAverage, momentum, epsilon, useBias, useScale, useFastVariance } = module;
    return {
      type: 'BatchNorm',
      ...(useRunningAverage !== undefined ? { use_running_average: useRunningAverage } : {}),
      momentum,
      epsilon,
      use_bias: useBias,
      use_scale: useScale,
      use_fast_variance: useFastVariance,
    };
  }
  if (module instanceof Conv) {
    return {
      type: 'Conv',
      features: module.features,
      kernel_size: module.kernelSize,
      strides: module.strides,
      padding: module.padding,
      input_dilation: module.inputDilation,
      kernel_dilation: module.kernelDilation,
      feature_group_count: module.featureGroupCount,
      use_bias: module.useBias,
    };
  }
  if (module instanceof Dense) return { type: 'Dense', features: module.features, use_bias: module.useBias };
  if (module instanceof Dropout) {
    return { type: 'Dropout', rate: module.rate, ...(module.deterministic !== undefined ? { deterministic: module.deterministic } : {}) };
  }
  if (module instanceof Embed) return { type: 'Embed', num_embeddings: module.numEmbeddings, features: module.features };
  if (module instanceof GRUCell) return { type: 'GRUCell', features: module.features };
  if (module instanceof LSTMCell) return { type: 'LSTMCell', features: module.features };
  if (module instanceof GroupNorm) {
    const { numGroups, groupSize, epsilon, useBias, useScale, useFastVariance } = module;
    return { type: 'GroupNorm', num_groups: numGroups, group_size: groupSize, epsilon, use_bias: useBias, use_scale: useScale, use_fast_variance: useFastVariance };
  }
  if (module instanceof LayerNorm) {
    const { epsilon, useBias, useScale, useFastVariance } = module;
    return { type: 'LayerNorm', epsilon, use_bias: useBias, use_scale: useScale, use_fast_variance: useFastVariance };
  }
  if (module instanceof RMSNorm) return { type: 'RMSNorm', epsilon: module.epsilon, use_scale: module.useScale };
  if (module instanceof Sequential) return { type: 'Sequential', layers: module.layers.map(moduleToSpec) };
  throw new InteropError('E_INVALID_SPEC', `no spec for ${module.constructor.name}`);
}

function activationSpec(a: Activation): ModuleSpec {
  if (a.fn === 'gelu' || a.fn === 'gelu_tanh') return { type: 'gelu', approximate: a.fn === 'gelu_tanh' };
  if (a.fn === 'elu') return { type: 'elu', alpha: a.alpha ?? 1 };
  if (a.fn === 'leaky_relu') return { type: 'leaky_relu', negative_slope: a.alpha ?? 0.01 };
  return { type: a.fn };
}
