import { InteropError, forwardFromSpec } from '@interop/core';
import { key } from '@interop/runtime';
import { translateAxes } from './forward-dialect.js';
import type { Module } from './module.js';
import { BatchNorm } from './modules/batch-norm.js';
import { GRUCell, LSTMCell } from './modules/cells.js';
import { Conv, Conv1d, Conv2d, Conv3d } from './modules/conv.js';
import { Dropout } from './modules/dropout.js';
import { Embedding } from './modules/embedding.js';
import { GroupNorm } from './modules/group-norm.js';
import { Lambda } from './modules/lambda.js';
import type { JaxNnName } from './modules/lambda.js';
import { LayerNorm } from './modules/layer-norm.js';
import { Linear } from './modules/linear.js';
import { ModuleTree } from './modules/module-tree.js';
import type { TreeChild } from './modules/module-tree.js';
import { AvgPool1d, AvgPool2d, AvgPool3d, MaxPool1d, MaxPool2d, MaxPool3d } from './modules/pool.js';
import { RMSNorm } from './modules/rms-norm.js';
import { Sequential } from './modules/sequential.js';
import type { SequentialLayer } from './modules/sequential.js';
import { State } from './state.js';

/**
 * A module as JSON: the Python constructor call, snake_case argument names; or a user's
 * `eqx.Module` as `{ "type": "Module", "name": "CNN", "children": { "conv": {...}, "layers":
 * [{...}, ...] }, "forward": [...] }` (children in field order, a list for a list field; forward in
 * the core dialect, its axes those of one channels-first example).
 */
export type ModuleSpec = { type: string; [arg: string]: unknown };

/** Options of {@link moduleFromSpec}. */
export interface FromSpecOptions {
  /**
   * `jax.random.key(seed)` for the root; a Sequential's layer `i` gets `seed + i + 1`, and a
   * Module's `k`-th child (list items counted one by one, in declaration order) `seed + k + 1`.
   * @default 0
   */
  seed?: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each class has its own Python-style signature
type Ctor = new (...args: any[]) => Module;

/** Per type: the class, its required positionals, its other arguments, and whether it takes `key`. */
const TYPES: Record<string, { cls: Ctor; required: readonly string[]; optional: readonly string[]; keyed: boolean }> = {
  Linear: { cls: Linear, required: ['in_features', 'out_features'], optional: ['use_bias', 'dtype'], keyed: true },
  Embedding: { cls: Embedding, required: [], optional: ['num_embeddings', 'embedding_size', 'dtype'], keyed: true },
  Conv: {
    cls: Conv,
    required: ['num_spatial_dims', 'in_channels', 'out_channels', 'kernel_size'],
    optional: ['stride', 'padding', 'dilation', 'groups', 'use_bias', 'padding_mode', 'dtype'],
    keyed: true,
  },
  Conv1d: { cls: Conv1d, required: ['in_channels', 'out_channels', 'kernel_size'], optional: ['stride', 'padding', 'dilation', 'groups', 'use_bias', 'padding_mode', 'dtype'], keyed: true },
  Conv2d: { cls: Conv2d, required: ['in_channels', 'out_channels', 'kernel_size'], optional: ['stride', 'padding', 'dilation', 'groups', 'use_bias', 'padding_mode', 'dtype'], keyed: true },
  Conv3d: { cls: Conv3d, required: ['in_channels', 'out_channels', 'kernel_size'], optional: ['stride', 'padding', 'dilation', 'groups', 'use_bias', 'padding_mode', 'dtype'], keyed: true },
  LayerNorm: { cls: LayerNorm, required: ['shape'], optional: ['eps', 'use_weight', 'use_bias', 'dtype', 'elementwise_affine'], keyed: false },
  RMSNorm: { cls: RMSNorm, required: ['shape'], optional: ['eps', 'use_weight', 'use_bias', 'dtype'], keyed: false },
  GroupNorm: { cls: GroupNorm, required: ['groups'], optional: ['channels', 'eps', 'channelwise_affine', 'dtype'], keyed: false },
  BatchNorm: { cls: BatchNorm, required: ['input_size', 'axis_name'], optional: ['eps', 'channelwise_affine', 'momentum', 'inference', 'dtype', 'mode'], keyed: false },
  Dropout: { cls: Dropout, required: [], optional: ['p', 'inference'], keyed: false },
  LSTMCell: { cls: LSTMCell, required: ['input_size', 'hidden_size'], optional: ['use_bias', 'dtype'], keyed: true },
  GRUCell: { cls: GRUCell, required: ['input_size', 'hidden_size'], optional: ['use_bias', 'dtype'], keyed: true },
  ...Object.fromEntries(
    Object.entries({ MaxPool1d, MaxPool2d, MaxPool3d, AvgPool1d, AvgPool2d, AvgPool3d }).map(([name, cls]) => [name, { cls, required: ['kernel_size'], optional: ['stride', 'padding', 'use_ceil'], keyed: false }]),
  ),
};

/** Every `type` a spec may name, sorted (for error messages). */
const KNOWN = [...Object.keys(TYPES), 'Lambda', 'Module', 'Sequential'].sort();

/** `use_bias` → `useBias`. */
const camel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function bad(what: string, spec: unknown): never {
  throw new InteropError('E_INVALID_SPEC', what, { found: JSON.stringify(spec) });
}

function buildTree(spec: ModuleSpec, seed: number): ModuleTree {
  const extra = Object.keys(spec).filter((k) => !['type', 'name', 'children', 'forward'].includes(k));
  if (extra.length) bad(`Module key '${extra[0]}' is not one of type, name, children, forward`, spec);
  if (typeof spec.name !== 'string') bad('a Module spec needs "name", its class name', spec);
  const given = spec.children;
  if (typeof given !== 'object' || given === null || Array.isArray(given)) bad('a Module spec needs "children", an object of child specs in field order', spec);
  let k = 0;
  const children: Record<string, TreeChild> = {};
  for (const [name, child] of Object.entries(given as Record<string, unknown>)) {
    children[name] = Array.isArray(child) ? child.map((c) => build(c as ModuleSpec, seed + ++k)) : build(child as ModuleSpec, seed + ++k);
  }
  const forward = spec.forward === undefined ? undefined : forwardFromSpec(spec.forward);
  try {
    return new ModuleTree(spec.name as string, children, forward);
  } catch (e) {
    if (e instanceof InteropError && e.code === 'E_INVALID_ARGUMENT') bad(`Module ${String(spec.name)}: ${e.message}`, spec);
    throw e;
  }
}

function build(spec: ModuleSpec, seed: number): Module {
  if (typeof spec !== 'object' || spec === null || typeof spec.type !== 'string') bad('a spec needs a string "type"', spec);
  if (spec.type === 'Module') return buildTree(spec, seed);
  if (spec.type === 'Sequential') {
    const extra = Object.keys(spec).filter((k) => k !== 'type' && k !== 'layers');
    if (extra.length) bad(`Sequential argument '${extra[0]}' is not an eqx.nn.Sequential argument`, spec);
    if (!Array.isArray(spec.layers)) bad('Sequential needs a "layers" list', spec);
    return new Sequential((spec.layers as ModuleSpec[]).map((s, i) => build(s, seed + i + 1) as SequentialLayer));
  }
  if (spec.type === 'Lambda') {
    const { fn, ...rest } = spec as ModuleSpec & { fn?: unknown };
    if (typeof fn !== 'string') bad('Lambda needs "fn", the name of a jax.nn function', spec);
    const extra = Object.keys(rest).filter((k) => !['type', 'approximate', 'negative_slope', 'alpha'].includes(k));
    if (extra.length) bad(`Lambda argument '${extra[0]}' is not supported`, spec);
    return new Lambda(fn as JaxNnName, {
      ...(spec.approximate !== undefined ? { approximate: spec.approximate as boolean } : {}),
      ...(spec.negative_slope !== undefined ? { negativeSlope: spec.negative_slope as number } : {}),
      ...(spec.alpha !== undefined ? { alpha: spec.alpha as number } : {}),
    });
  }
  const t = TYPES[spec.type] ?? bad(`unknown Equinox module type '${spec.type}'; the types are ${KNOWN.join(', ')}`, spec);
  const fixedDims = /^Conv([123])d$/.exec(spec.type);
  if (fixedDims && spec.num_spatial_dims !== undefined) {
    // The field as Equinox records it (the anchor's module dumps list it): only its fixed value.
    if (spec.num_spatial_dims !== Number(fixedDims[1])) bad(`${spec.type} has num_spatial_dims ${fixedDims[1]}`, spec);
    const { num_spatial_dims: _, ...rest } = spec;
    return build(rest as ModuleSpec, seed);
  }
  for (const arg of Object.keys(spec)) {
    if (arg !== 'type' && !t.required.includes(arg) && !t.optional.includes(arg)) bad(`${spec.type} argument '${arg}' is not supported here`, spec);
  }
  const positional = t.required.map((name) => (spec[name] === undefined ? bad(`${spec.type} needs "${name}"`, spec) : spec[name]));
  const keywords: Record<string, unknown> = {};
  for (const name of t.optional) if (spec[name] !== undefined) keywords[camel(name)] = spec[name];
  if (t.keyed && !(spec.type === 'Embedding' && spec.weight !== undefined)) keywords.key = key(seed);
  try {
    return new (t.cls as new (...args: unknown[]) => Module)(...positional, keywords);
  } catch (e) {
    if (e instanceof InteropError && e.code === 'E_INVALID_ARGUMENT') bad(`${spec.type}: ${e.message}`, spec);
    throw e;
  }
}

/**
 * Builds a model from its spec (`{"type": "Linear", "in_features": 3, "out_features": 5}`), as
 * the conformance tooling's `build_equinox` does: layers that take a key get
 * `jax.random.key(seed)`, and a Sequential's layer `i` is built with `seed + i + 1`. The result
 * is the skeleton `treeDeserialiseLeaves` fills; a stateful model's State is `new State(model)`
 * (or use {@link modelWithStateFromSpec}). A `Module` spec gives a {@link ModuleTree}; the axes of
 * its forward steps (`mean`, `softmax`, `reshape`) are read as those of the channels-first example
 * and moved into the IR's channels-last terms.
 *
 * @throws {InteropError} E_INVALID_SPEC for an unknown type (the message lists the known ones), a
 *   missing or unsupported argument, a value Equinox would refuse, or a forward step whose axes
 *   cannot be moved (unknown rank, a reshape between multi-axis shapes, a mean dropping the channel
 *   axis but keeping two or more).
 * @example
 * ```ts
 * const mlp = moduleFromSpec({ type: 'Sequential', layers: [{ type: 'Linear', in_features: 3, out_features: 8 }, { type: 'Lambda', fn: 'relu' }] });
 * ```
 */
export function moduleFromSpec(spec: ModuleSpec, options: FromSpecOptions = {}): Module {
  return translateAxes(build(spec, options.seed ?? 0), 'in');
}

/**
 * `build_equinox(spec)`: the model and, when it holds a BatchNorm, its State
 * (`eqx.nn.make_with_state`); `null` otherwise.
 *
 * @example
 * ```ts
 * const [model, state] = modelWithStateFromSpec({ type: 'BatchNorm', input_size: 3, axis_name: 'batch', inference: true });
 * ```
 */
export function modelWithStateFromSpec(spec: ModuleSpec, options: FromSpecOptions = {}): [Module, State | null] {
  const model = moduleFromSpec(spec, options);
  const state = new State(model);
  return [model, state.size > 0 ? state : null];
}
