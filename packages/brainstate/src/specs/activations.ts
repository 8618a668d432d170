import { Activation, ELU, GELU, Identity, LeakyReLU, ReLU, SiLU, Sigmoid, Softplus, Tanh } from '../modules/activation.js';
import { badSpec, keywordCall, optional } from './entry.js';
import type { ModuleClass, ModuleSpec, SpecEntry, SpecFields } from './entry.js';

function layer<M extends Activation>(
  mapping: SpecEntry['mapping'],
  cls: ModuleClass<M>,
  write: (m: M) => ModuleSpec = (m) => ({ type: m.type }),
  fields: SpecFields = {},
): SpecEntry<M> {
  return { mapping, layerType: cls, read: keywordCall(cls), write, fields };
}

/** `brainstate.nn`'s activation layers (`{"type": "ReLU"}`, `{"type": "GELU", "approximate": true}`). */
export const activationLayers = {
  ELU: layer('ELU', ELU, (m) => (m.alpha === 1 ? { type: 'ELU' } : { type: 'ELU', alpha: m.alpha }), { alpha: optional('float', 1) }),
  GELU: layer('GELU', GELU, (m) => (m.approximate ? { type: 'GELU', approximate: true } : { type: 'GELU' }), {
    approximate: optional('bool', false),
  }),
  Identity: layer('Identity', Identity),
  LeakyReLU: layer(
    'LeakyReLU',
    LeakyReLU,
    (m) => (m.alpha === 0.01 ? { type: 'LeakyReLU' } : { type: 'LeakyReLU', negative_slope: m.alpha }),
    { negative_slope: optional('float', 0.01) },
  ),
  ReLU: layer('ReLU', ReLU),
  SiLU: layer('SiLU', SiLU),
  Sigmoid: layer('Sigmoid', Sigmoid),
  Softplus: layer('Softplus', Softplus),
  Tanh: layer('Tanh', Tanh),
};

function fn(make: () => Activation): SpecEntry<Activation> {
  const read = (spec: ModuleSpec) => {
    if (Object.keys(spec).length > 1)
      badSpec(`'${spec.type}' is the plain jax.nn function and takes no arguments in a spec`, spec, `Use {"type": "${spec.type}"}`);
    return make();
  };
  return { mapping: 'jax.nn function', layerType: Activation, read, write: (m) => ({ type: m.specType }), fields: {} };
}

/** Plain `jax.nn` functions a Python Sequential holds (`{"type": "relu"}`), with jax's defaults. */
export const functions = {
  elu: fn(() => new Activation('elu', 1)),
  gelu: fn(() => new Activation('gelu_tanh', undefined, 'gelu')),
  identity: fn(() => new Activation('identity')),
  leaky_relu: fn(() => new Activation('leaky_relu', 0.01)),
  relu: fn(() => new Activation('relu')),
  sigmoid: fn(() => new Activation('sigmoid')),
  silu: fn(() => new Activation('silu')),
  softplus: fn(() => new Activation('softplus')),
  swish: fn(() => new Activation('silu', undefined, 'swish')),
  tanh: fn(() => new Activation('tanh')),
};
