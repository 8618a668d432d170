import { InteropError, forwardFromSpec } from '@interop/core';
import type { ForwardStepSpec } from '@interop/core';
import { Module } from './module.js';
import { ELU, GELU, Identity, LeakyReLU, ReLU, SiLU, Sigmoid, Softplus, Tanh } from './modules/activation.js';
import { Activation } from './modules/activation.js';
import { BatchNorm0d, BatchNorm1d, BatchNorm2d, BatchNorm3d } from './modules/batch-norm.js';
import { Conv1d, Conv2d, Conv3d } from './modules/conv.js';
import { Dropout } from './modules/dropout.js';
import { Embedding } from './modules/embedding.js';
import { Flatten } from './modules/flatten.js';
import { GRUCell } from './modules/gru-cell.js';
import { GroupNorm } from './modules/group-norm.js';
import { LSTMCell } from './modules/lstm-cell.js';
import { LayerNorm } from './modules/layer-norm.js';
import { Linear } from './modules/linear.js';
import { ModuleTree } from './modules/module-tree.js';
import { AvgPool1d, AvgPool2d, AvgPool3d, MaxPool1d, MaxPool2d, MaxPool3d } from './modules/pool.js';
import { MGUCell, URLSTMCell, ValinaRNNCell } from './modules/other-cells.js';
import { RMSNorm } from './modules/rms-norm.js';
import { Sequential } from './modules/sequential.js';

/**
 * A module as JSON: the Python constructor call with snake_case argument names, or a user's
 * class as `{ "type": "Module", "name", "children": { attribute: spec | [spec, ...] }, "forward"? }`.
 */
export type ModuleSpec = { type: string; [arg: string]: unknown };

/** A user-written module class as a spec: its children (lists as arrays) and the forward steps. */
export interface ModuleTreeSpec {
  type: 'Module';
  name: string;
  children: { [attribute: string]: ModuleSpec | ModuleSpec[] };
  forward?: ForwardStepSpec[];
}

type Ctor = new (...args: unknown[]) => Module;

/** Spec type → class; every argument goes through the class's Python-style keyword object. */
const CLASSES: Record<string, Ctor> = {
  AvgPool1d, AvgPool2d, AvgPool3d,
  BatchNorm0d, BatchNorm1d, BatchNorm2d, BatchNorm3d,
  Conv1d, Conv2d, Conv3d,
  Dropout, Embedding, Flatten, GRUCell, GroupNorm, LSTMCell, LayerNorm, Linear, MGUCell, MaxPool1d, MaxPool2d, MaxPool3d, RMSNorm, URLSTMCell, ValinaRNNCell,
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

const located = <T>(path: string, build: () => T): T => {
  try {
    return build();
  } catch (e) {
    throw e instanceof InteropError ? e.at(path) : e;
  }
};

function treeFromSpec(spec: ModuleSpec): ModuleTree {
  const { type: _, name, children, forward, ...rest } = spec;
  const keys = Object.keys(spec);
  if (Object.keys(rest).length) bad(`a Module spec takes only "name", "children" and "forward", not ${Object.keys(rest).map((k) => `"${k}"`).join(', ')}`, keys);
  if (typeof name !== 'string' || name === '') bad('a Module spec needs the class "name"', keys, 'Add "name": "CNN" (the Python class name)');
  if (children === null || typeof children !== 'object' || Array.isArray(children)) {
    bad('a Module spec needs "children", an object of attribute name → spec (a list of specs for a list attribute)', keys);
  }
  const built: Record<string, Module | Module[]> = {};
  for (const [key, child] of Object.entries(children as Record<string, unknown>)) {
    built[key] = Array.isArray(child)
      ? child.map((c, i) => located(`${key}/${i}`, () => moduleFromSpec(c as ModuleSpec)))
      : located(key, () => moduleFromSpec(child as ModuleSpec));
  }
  const steps = forward === undefined ? undefined : forwardFromSpec(forward);
  try {
    return new ModuleTree(name, built, steps);
  } catch (e) {
    // The tree refuses a child name or a forward step: in a spec that is the spec's fault.
    throw e instanceof InteropError ? new InteropError('E_INVALID_SPEC', e.summary, e.details) : e;
  }
}

/**
 * Builds a module from its spec, the JSON transcription of the Python call
 * (`{"type": "Linear", "in_size": 4, "out_size": 8, "b_init": null}`); initialisers are
 * `brainstate.nn.init` class names (`"ZeroInit"`) or null. A `{"type": "Module"}` spec is a
 * user's class: a {@link ModuleTree} of its children's specs, with the forward steps in the core
 * dialect (`"conv1"`, `{"fn": "relu"}`, `{"residual": [...]}`; see `forwardFromSpec`).
 *
 * @throws {InteropError} E_INVALID_SPEC for an unknown type or a malformed spec (a child's error
 *   is located at its attribute path); the layer's own E_INVALID_ARGUMENT for an argument it does
 *   not take.
 * @example
 * ```ts
 * moduleFromSpec({ type: 'Sequential', layers: [{ type: 'Linear', in_size: 4, out_size: 8 }, { type: 'relu' }] });
 * moduleFromSpec({ type: 'Module', name: 'MLP', children: { fc1: { type: 'Linear', in_size: 4, out_size: 8 } }, forward: ['fc1', { fn: 'relu' }] });
 * ```
 */
export function moduleFromSpec(spec: ModuleSpec): Module {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec) || typeof spec.type !== 'string') bad('a spec needs a string "type"', spec);
  const { type, ...args } = spec;
  if (type === 'Module') return treeFromSpec(spec);
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
  const Cls = CLASSES[type] ?? bad(`unknown brainstate module type '${type}'`, spec, `Use one of Module, Sequential, ${[...Object.keys(CLASSES), ...Object.keys(FUNCTIONS)].join(', ')}`);
  const kwargs: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) kwargs[camel(k)] = v;
  return new Cls(kwargs);
}
