import { InteropError, closestNames, forwardFromSpec } from '@interop/core';
import { translateAxes } from './forward-dialect.js';
import type { Module } from './module.js';
import { ModuleTree } from './modules/module-tree.js';
import type { TreeChild } from './modules/module-tree.js';
import { Sequential } from './modules/sequential.js';
import type { SequentialLayer } from './modules/sequential.js';
import { badSpec as bad } from './specs/entry.js';
import type { ModuleSpec } from './specs/entry.js';
import { specs } from './specs/index.js';
import { State } from './state.js';

export type { ModuleSpec } from './specs/entry.js';

/** Options of {@link moduleFromSpec}. */
export interface FromSpecOptions {
  /**
   * `jax.random.key(seed)` for the root; a Sequential's layer `i` gets `seed + i + 1`, and a
   * Module's `k`-th child (list items counted one by one, in declaration order) `seed + k + 1`.
   * @default 0
   */
  seed?: number;
}

/** Every `type` a spec may name, sorted (for error messages). */
const KNOWN = [...Object.keys(specs), 'Module', 'Sequential'].sort();

function buildTree(spec: ModuleSpec, seed: number): ModuleTree {
  const extra = Object.keys(spec).filter((k) => !['type', 'name', 'children', 'forward'].includes(k));
  if (extra.length) bad(`Module key '${extra[0]}' is not one of type, name, children, forward`, spec);
  if (typeof spec.name !== 'string') bad('a Module spec needs "name", its class name', spec);
  const given = spec.children;
  if (typeof given !== 'object' || given === null || Array.isArray(given))
    bad('a Module spec needs "children", an object of child specs in field order', spec);
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
  const entry = Object.hasOwn(specs, spec.type) ? specs[spec.type] : undefined;
  if (!entry) {
    const meant = closestNames(spec.type, KNOWN);
    throw new InteropError('E_INVALID_SPEC', `unknown Equinox module type '${spec.type}'`, {
      found: JSON.stringify(spec),
      expected: `one of ${KNOWN.join(', ')}`,
      fix:
        meant.length > 0
          ? `Did you mean ${meant.map((m) => `"${m}"`).join(' or ')}? Write {"type": "${meant[0]}"}`
          : "Use one of the expected types (Python's class or function name)",
    });
  }
  return entry.read(spec, seed);
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
