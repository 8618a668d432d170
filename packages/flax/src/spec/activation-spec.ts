import type { ActivationFn } from '@interop/core';
import type { ActivationMembers, ActivationOptions } from '../activation.js';
import { ACTIVATION_FIELDS } from './fields.js';
import type { LayerSpec } from './layer-spec.js';
import { bool, num } from './values.js';
import type { ModuleSpec } from './values.js';

// The jax.nn functions a Flax Sequential holds, by Python name, with the arguments a spec gives them.
const FUNCTIONS: Readonly<Record<string, readonly string[]>> = {
  elu: ['alpha'],
  gelu: ['approximate'],
  identity: [],
  leaky_relu: ['negative_slope'],
  relu: [],
  sigmoid: [],
  silu: [],
  softplus: [],
  swish: [],
  tanh: [],
};

function read(spec: ModuleSpec): [ActivationFn, ActivationOptions] {
  switch (spec.type) {
    case 'gelu':
      return [bool(spec, 'approximate') === false ? 'gelu' : 'gelu_tanh', {}];
    case 'swish':
      return ['silu', {}];
    case 'elu':
      return ['elu', { alpha: num(spec, 'alpha') ?? 1 }];
    case 'leaky_relu':
      return ['leaky_relu', { alpha: num(spec, 'negative_slope') ?? 0.01 }];
    default:
      return [spec.type as ActivationFn, {}];
  }
}

function write(a: ActivationMembers): ModuleSpec {
  if (a.fn === 'gelu' || a.fn === 'gelu_tanh') return { type: 'gelu', approximate: a.fn === 'gelu_tanh' };
  if (a.fn === 'elu') return { type: 'elu', alpha: a.alpha ?? 1 };
  if (a.fn === 'leaky_relu') return { type: 'leaky_relu', negative_slope: a.alpha ?? 0.01 };
  return { type: a.fn };
}

/**
 * The spec entry of a Flax plugin's `Activation`: the `jax.nn` functions by Python name
 * (`{"type": "gelu", "approximate": false}`, `{"type": "leaky_relu", "negative_slope": 0.2}`),
 * with jax's defaults; `swish` reads as `silu`.
 *
 * @example
 * ```ts
 * const activationSpec = activationLayerSpec(Activation);
 * activationSpec.read({ type: 'gelu' }, context); // new Activation('gelu_tanh')
 * ```
 */
export function activationLayerSpec<A extends ActivationMembers>(
  Activation: new (fn: ActivationFn, options?: ActivationOptions) => A,
): LayerSpec<A, object, never> {
  return {
    layerType: Activation,
    types: FUNCTIONS,
    fields: ACTIVATION_FIELDS,
    read: (spec) => new Activation(...read(spec)),
    write,
  };
}
