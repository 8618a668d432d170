import { InteropError } from '@interop/core';
import type { AnyModule } from './module.js';
import { Activation } from './modules/activation.js';
import { BatchNorm } from './modules/batch-norm.js';
import { Conv } from './modules/conv.js';
import { Dropout } from './modules/dropout.js';
import { Embed } from './modules/embed.js';
import { GRUCell } from './modules/gru-cell.js';
import { GroupNorm } from './modules/group-norm.js';
import { LSTMCell } from './modules/lstm-cell.js';
import { LayerNorm } from './modules/layer-norm.js';
import { Linear } from './modules/linear.js';
import { ModuleTree } from './module-tree.js';
import { treeToSpec } from './tree-spec.js';
import { RMSNorm } from './modules/rms-norm.js';
import { Sequential } from './modules/sequential.js';
import type { ModuleSpec } from './spec.js';

function withDtypes(module: AnyModule, spec: ModuleSpec): ModuleSpec {
  return { ...spec, ...(module.dtype !== null ? { dtype: module.dtype } : {}), param_dtype: module.paramDtype };
}

/**
 * The spec of a module, every modelled argument written out (defaults included); the inverse of
 * `moduleFromSpec` (weights aside: save them with `writeState`). A `ModuleTree` gives a `Module`
 * spec with its children's specs and its forward.
 *
 * @throws {InteropError} E_INVALID_SPEC for a plain function inside a Sequential (it has no spec).
 * @example
 * ```ts
 * moduleToSpec(new Linear(3, 5, { rngs })); // { type: 'Linear', in_features: 3, out_features: 5, use_bias: true, param_dtype: 'float32' }
 * ```
 */
export function moduleToSpec(module: AnyModule): ModuleSpec {
  if (module instanceof Activation) return activationSpec(module);
  if (module instanceof Dropout) {
    return { type: 'Dropout', rate: module.rate, broadcast_dims: module.broadcastDims, deterministic: module.deterministic, rng_collection: module.rngCollection };
  }
  if (module instanceof ModuleTree) return treeToSpec(module, moduleToSpec);
  if (module instanceof Sequential) {
    return {
      type: 'Sequential',
      layers: module.layers.map((l, i) => {
        if (typeof l === 'function' && !(l instanceof Activation)) throw new InteropError('E_INVALID_SPEC', `Sequential layer ${i} is a plain function, which has no spec`, { fix: 'Use the exported activations (relu, gelu, ...)' });
        return moduleToSpec(l as AnyModule);
      }),
    };
  }
  return withDtypes(module, specOf(module));
}

function specOf(module: AnyModule): ModuleSpec {
  if (module instanceof BatchNorm) {
    const { numFeatures, useRunningAverage, momentum, epsilon, useBias, useScale, useFastVariance } = module;
    return { type: 'BatchNorm', num_features: numFeatures, use_running_average: useRunningAverage, momentum, epsilon, use_bias: useBias, use_scale: useScale, use_fast_variance: useFastVariance };
  }
  if (module instanceof Conv) {
    return {
      type: 'Conv',
      in_features: module.inFeatures,
      out_features: module.outFeatures,
      kernel_size: module.kernelSize,
      strides: module.strides,
      padding: module.padding,
      input_dilation: module.inputDilation,
      kernel_dilation: module.kernelDilation,
      feature_group_count: module.featureGroupCount,
      use_bias: module.useBias,
    };
  }
  if (module instanceof Embed) return { type: 'Embed', num_embeddings: module.numEmbeddings, features: module.features };
  if (module instanceof GRUCell) return { type: 'GRUCell', in_features: module.inFeatures, hidden_features: module.hiddenFeatures };
  if (module instanceof LSTMCell) return { type: 'LSTMCell', in_features: module.inFeatures, hidden_features: module.hiddenFeatures };
  if (module instanceof GroupNorm) {
    const { numFeatures, numGroups, epsilon, useBias, useScale, useFastVariance } = module;
    return { type: 'GroupNorm', num_features: numFeatures, num_groups: numGroups, epsilon, use_bias: useBias, use_scale: useScale, use_fast_variance: useFastVariance };
  }
  if (module instanceof LayerNorm) {
    const { numFeatures, epsilon, useBias, useScale, useFastVariance } = module;
    return { type: 'LayerNorm', num_features: numFeatures, epsilon, use_bias: useBias, use_scale: useScale, use_fast_variance: useFastVariance };
  }
  if (module instanceof Linear) return { type: 'Linear', in_features: module.inFeatures, out_features: module.outFeatures, use_bias: module.useBias };
  if (module instanceof RMSNorm) return { type: 'RMSNorm', num_features: module.numFeatures, epsilon: module.epsilon, use_scale: module.useScale };
  throw new InteropError('E_INVALID_SPEC', `no spec for ${module.constructor.name}`);
}

function activationSpec(a: Activation): ModuleSpec {
  if (a.fn === 'gelu' || a.fn === 'gelu_tanh') return { type: 'gelu', approximate: a.fn === 'gelu_tanh' };
  if (a.fn === 'elu') return { type: 'elu', alpha: a.alpha ?? 1 };
  if (a.fn === 'leaky_relu') return { type: 'leaky_relu', negative_slope: a.alpha ?? 0.01 };
  return { type: a.fn };
}
