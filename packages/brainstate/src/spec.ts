import { InteropError, closestNames, forwardFromSpec } from '@interop/core';
import type { Module } from './module.js';
import { ModuleTree } from './modules/module-tree.js';
import { Sequential } from './modules/sequential.js';
import { badSpec as bad } from './specs/entry.js';
import type { ModuleSpec } from './specs/entry.js';
import { specs } from './specs/index.js';

export type { ModuleSpec, ModuleTreeSpec } from './specs/entry.js';

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
  if (Object.keys(rest).length)
    bad(
      `a Module spec takes only "name", "children" and "forward", not ${Object.keys(rest)
        .map((k) => `"${k}"`)
        .join(', ')}`,
      keys,
    );
  if (typeof name !== 'string' || name === '')
    bad('a Module spec needs the class "name"', keys, 'Add "name": "CNN" (the Python class name)');
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
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec) || typeof spec.type !== 'string')
    bad('a spec needs a string "type"', spec);
  const { type, ...args } = spec;
  if (type === 'Module') return treeFromSpec(spec);
  if (type === 'Sequential') {
    const layers = args.layers;
    if (!Array.isArray(layers) || layers.length === 0) bad('a Sequential spec needs a non-empty "layers" list', spec);
    if (Object.keys(args).length !== 1) bad('a Sequential spec takes only "layers"', spec);
    return new Sequential(...layers.map((l) => moduleFromSpec(l as ModuleSpec)));
  }
  const entry = Object.hasOwn(specs, type) ? specs[type] : undefined;
  if (!entry) {
    const known = ['Module', 'Sequential', ...Object.keys(specs).sort()];
    const meant = closestNames(type, known);
    throw new InteropError('E_INVALID_SPEC', `unknown BrainState module type '${type}'`, {
      found: JSON.stringify(spec),
      expected: `one of ${known.join(', ')}`,
      fix:
        meant.length > 0
          ? `Did you mean ${meant.map((m) => `"${m}"`).join(' or ')}? Write {"type": "${meant[0]}"}; the types are ${known.join(', ')}`
          : `Use one of ${known.join(', ')}`,
    });
  }
  return entry.read(spec);
}
