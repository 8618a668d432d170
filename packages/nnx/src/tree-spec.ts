import { InteropError, forwardFromSpec, forwardToSpec } from '@interop/core';
import type { AnyModule } from './module.js';
import { ModuleTree } from './module-tree.js';
import type { TreeChild } from './module-tree.js';
import { bad } from '@interop/flax';
import type { ModuleSpec } from '@interop/flax';

const isSpec = (v: unknown): v is ModuleSpec => typeof v === 'object' && v !== null && !Array.isArray(v);

function located<T>(name: string, make: () => T): T {
  try {
    return make();
  } catch (e) {
    throw e instanceof InteropError ? e.at(name) : e;
  }
}

/**
 * A `Module` spec (`{ "type": "Module", "name": "CNN", "children": { "conv1": {...}, "blocks":
 * [{...}, ...] }, "forward": [...] }`) as a {@link ModuleTree}: each child built by `build` in
 * declaration order (an array is an `nnx.List`), the forward read with `forwardFromSpec`.
 *
 * @throws {InteropError} E_INVALID_SPEC for a missing or malformed `children`, a bad forward
 *   step (located at `forward/<i>`) or a child's own error (located at the child's name).
 * @example
 * ```ts
 * const tree = treeFromSpec({ type: 'Module', name: 'MLP', children: { fc: { type: 'Linear', in_features: 2, out_features: 3 } }, forward: ['fc'] }, (s) => moduleFromSpec(s));
 * ```
 */
export function treeFromSpec(spec: ModuleSpec, build: (child: ModuleSpec) => AnyModule): ModuleTree {
  const name = spec.name ?? 'Module';
  if (typeof name !== 'string' || name === '') bad('Module.name must be the class name, a non-empty string', spec);
  const children = spec.children;
  if (!isSpec(children)) bad('Module needs "children", an object of child specs by attribute name', spec);
  const built: Record<string, TreeChild> = {};
  for (const [key, child] of Object.entries(children)) {
    if (Array.isArray(child)) {
      built[key] = child.map((item, i) =>
        isSpec(item) ? located(`${key}/${i}`, () => build(item)) : bad(`Module child '${key}/${i}' must be a spec object`, spec),
      );
    } else if (isSpec(child)) {
      built[key] = located(key, () => build(child));
    } else {
      bad(`Module child '${key}' must be a spec object or a list of them`, spec);
    }
  }
  const forward = spec.forward === undefined ? undefined : forwardFromSpec(spec.forward);
  return new ModuleTree(name, built, forward);
}

/**
 * The `Module` spec of a tree: its name, each child's spec (`childSpec`) in declaration order,
 * and its forward in the core dialect when it has one; the inverse of {@link treeFromSpec}.
 *
 * @example
 * ```ts
 * treeToSpec(tree, moduleToSpec); // { type: 'Module', name: 'CNN', children: { conv1: {...} }, forward: [...] }
 * ```
 */
export function treeToSpec(tree: ModuleTree, childSpec: (child: AnyModule) => ModuleSpec): ModuleSpec {
  const children = Object.fromEntries(
    Object.entries(tree.children).map(([key, child]) => [
      key,
      Array.isArray(child)
        ? (child as AnyModule[]).map((c, i) => located(`${key}/${i}`, () => childSpec(c)))
        : located(key, () => childSpec(child as AnyModule)),
    ]),
  );
  return { type: 'Module', name: tree.name, children, ...(tree.forward ? { forward: forwardToSpec(tree.forward) } : {}) };
}
