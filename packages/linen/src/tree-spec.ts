import { InteropError, forwardFromSpec, forwardToSpec } from '@interop/core';
import type { ForwardStepSpec } from '@interop/core';
import type { AnyModule } from './module.js';
import { ModuleTree } from './modules/module-tree.js';
import type { TreeChild } from './modules/module-tree.js';

/**
 * A module tree as JSON: `{"type": "Module", "name": "CNN", "children": {"Conv_0": {...},
 * "blocks": [{...}, {...}]}, "forward": ["Conv_0", {"fn": "relu"}, ...]}`. Children are Linen
 * specs in declaration order (an array is a list child), `forward` is in the forward dialect of
 * `@interop/core` (`forwardFromSpec`).
 */
export type ModuleTreeSpec = {
  type: 'Module';
  name: string;
  children: Record<string, unknown>;
  forward?: ForwardStepSpec[];
};

type Spec = { type: string; [arg: string]: unknown };

const KEYS = ['type', 'name', 'children', 'forward'];

function bad(what: string, details: { path?: string; found?: unknown; fix?: string }): never {
  throw new InteropError('E_INVALID_SPEC', what, details);
}

function child(value: unknown, path: string, build: (spec: Spec) => AnyModule): AnyModule {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    bad('A child must be a Linen spec object (or a list of them)', {
      path,
      found: JSON.stringify(value),
      fix: 'Write the child as {"type": "Dense", "features": 8}',
    });
  }
  try {
    return build(value as Spec);
  } catch (error) {
    throw error instanceof InteropError ? error.at(path) : error;
  }
}

/**
 * Builds a {@link ModuleTree} from its spec, each child with `build` (the Linen `moduleFromSpec`).
 *
 * @throws {InteropError} E_INVALID_SPEC for a key other than type/name/children/forward, a child
 *   that is not a spec or a list of specs, a bad forward step, or a step calling no child.
 * @example
 * ```ts
 * treeFromSpec({ type: 'Module', name: 'MLP', children: { Dense_0: { type: 'Dense', features: 2 } }, forward: ['Dense_0'] }, moduleFromSpec);
 * ```
 */
export function treeFromSpec(spec: Spec, build: (spec: Spec) => AnyModule): ModuleTree {
  const extra = Object.keys(spec).filter((k) => !KEYS.includes(k));
  if (extra.length > 0)
    bad(`Module spec key '${extra[0]}' is not supported here`, { found: extra.join(', '), fix: `Use only ${KEYS.join(', ')}` });
  const { name = 'Module', children } = spec;
  if (typeof name !== 'string' || name === '')
    bad('A Module spec `name` must be a non-empty string (the class name)', { found: JSON.stringify(name) });
  if (typeof children !== 'object' || children === null || Array.isArray(children)) {
    bad('A Module spec needs `children`, an object of named child specs', {
      found: JSON.stringify(children),
      fix: 'Write "children": {"Dense_0": {"type": "Dense", "features": 8}}',
    });
  }
  const built: Record<string, TreeChild> = {};
  for (const [key, value] of Object.entries(children as Record<string, unknown>)) {
    built[key] = Array.isArray(value)
      ? value.map((v, i) => child(v, `children/${key}/${i}`, build))
      : child(value, `children/${key}`, build);
  }
  const forward = spec.forward === undefined ? undefined : forwardFromSpec(spec.forward);
  try {
    return new ModuleTree(name, built, forward);
  } catch (error) {
    if (error instanceof InteropError && error.code === 'E_INVALID_ARGUMENT')
      throw new InteropError('E_INVALID_SPEC', error.summary, error.details);
    throw error;
  }
}

/**
 * The spec of a {@link ModuleTree}, each child with `write` (the Linen `moduleToSpec`).
 *
 * @example
 * ```ts
 * treeToSpec(tree, moduleToSpec); // { type: 'Module', name: 'CNN', children: {...}, forward: [...] }
 * ```
 */
export function treeToSpec(tree: ModuleTree, write: (module: AnyModule) => Spec): ModuleTreeSpec {
  const children: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(tree.children))
    children[key] = Array.isArray(value) ? value.map(write) : write(value as AnyModule);
  return { type: 'Module', name: tree.name, children, ...(tree.forward ? { forward: forwardToSpec(tree.forward) } : {}) };
}
