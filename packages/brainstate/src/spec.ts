import { InteropError } from '@interop/core';
import { Module } from './module.js';
import { ELU, GELU, Identity, LeakyReLU, ReLU, SiLU, Sigmoid, Softplus, Tanh } from './modules/activation.js';
import { Activation } from './modules/activation.js';
import { BatchNorm0d, BatchNorm1d, BatchNorm2d, BatchNorm3d } from './modules/batch-norm.js';
import { Conv1d, Conv2d, Conv3d } from './modules/conv.js';
import { Dropout } from './modules/dropout.js';
import { Embedding } from './modules/embedding.js';
import { GRUCell } from './modules/gru-cell.js';
import { GroupNorm } from './modules/group-norm.js';
import { LSTMCell } from './modules/lstm-cell.js';
import { LayerNorm } from './modules/layer-norm.js';
import { Linear } from './modules/linear.js';
import { MGUCell, URLSTMCell, ValinaRNNCell } from './modules/other-cells.js';
import { RMSNorm } from './modules/rms-norm.js';
import { Sequential } from './modules/sequential.js';

/** A module as JSON: the Python constructor call with snake_case argument names. */
export type ModuleSpec = { type: string; [arg: string]: unknown };

type Ctor = new (...args: unknown[]) => Module;

/** Spec type → class; every argument goes through the class's Python-style keyword object. */
const CLASSES: Record<string, Ctor> = {
  BatchNorm0d, BatchNorm1d, BatchNorm2d, BatchNorm3d,
  Conv1d, Conv2d, Conv3d,
  Dropout, Embedding, GRUCell, GroupNorm, LSTMCell, LayerNorm, Linear, MGUCell, RMSNorm, URLSTMCell, ValinaRNNCell,
  ReLU, Sigmoid, Tanh, SiLU, Softplus, Identity, ELU, LeakyReLU, GELU,
} as unknown as Record<string, Ctor>;

/** Plain `jax.nn` functions a Python Sequential holds (`{"type": "relu"}`), with jax's defaults. */
const FUNCTIONS: Record<string, () => Activation> = {
  relu: () => new Activation('relu'),
  tanh: () => new Activation('tanh'),
  sigmoid: () => new Activation('sigmoid'),
  gelu: () => new Activation('gelu_tanh', undefined, 'gelu'),
  silu: () => new Activation('silu'),
  swish: () => new Activation('silu', undefined, 'swish'),
  elu: () => new Activation('elu', 1),
  softplus: () => new Activation('softplus'),
  leaky_relu: () => new Activation('leaky_relu', 0.01),
  identity: () => new Activation('identity'),
};

function bad(what: string, spec: unknown, fix?: string): never {
  throw new InteropError('E_INVALID_SPEC', what, { found: JSON.stringify(spec), ...(fix ? { fix } : {}) });
}

const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * Builds a module from its spec, the JSON transcription of the Python call
 * (`{"type": "Linear", "in_size": 4, "out_size": 8, "b_init": null}`); initialisers are
 * `brainstate.nn.init` class names (`"ZeroInit"`) or null.
 *
 * @throws {InteropError} E_INVALID_SPEC for an unknown type or a malformed spec; the layer's own
 *   E_INVALID_ARGUMENT for an argument it does not take.
 * @example
 * ```ts
 * moduleFromSpec({ type: 'Sequential', layers: [{ type: 'Linear', in_size: 4, out_size: 8 }, { type: 'relu' }] });
 * ```
 */
export function moduleFromSpec(spec: ModuleSpec): Module {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec) || typeof spec.type !== 'string') bad('a spec needs a string "type"', spec);
  const { type, ...args } = spec;
  if (type === 'Sequential') {
    const layers = args.layers;
    if (!Array.isArray(layers) || layers.length === 0) bad('a Sequential spec needs a non-empty "layers" list', spec);
    if (Object.keys(args).length !== 1) bad('a Sequential spec takes only "layers"', spec);
    return new Sequential(...layers.map((l) => moduleFromSpec(l as ModuleSpec)));
  }
  const fn = FUNCTIONS[type];
  if (fn) {
    if (Object.keys(args).length) bad(`'${type}' is the plain jax.nn function and takes no arguments in a spec`, spec, `Use {"type": "${type}"}`);
    return fn();
  }
  const Cls = CLASSES[type] ?? bad(`unknown brainstate module type '${type}'`, spec, `Use one of Sequential, ${[...Object.keys(CLASSES), ...Object.keys(FUNCTIONS)].join(', ')}`);
  const kwargs: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) kwargs[camel(k)] = v;
  return new Cls(kwargs);
}
