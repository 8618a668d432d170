import { InteropError } from '@interop/core';
import type { AnyModule, Module } from './module.js';
import { Sequential } from './modules/sequential.js';
import { inferTree } from './infer-tree.js';
import { linenSpecs } from './spec.js';
import { requireParams, subtree as sub } from './variables.js';
import type { VariableTree, Variables } from './variables.js';

/** An architecture read off a variables tree, with every default it had to assume. */
export interface InferredArchitecture {
  module: AnyModule;
  /** One line per assumption, with the path it concerns. */
  assumed: string[];
}

function infer(params: VariableTree, stats: VariableTree | undefined, path: string, assumed: string[], statsFirst = false): AnyModule {
  const layer = linenSpecs.infer({ params, stats }, path, assumed);
  if (layer) return layer;
  const keys = Object.keys(params);
  if (keys.length > 0 && keys.every((k) => /^layers_\d+$/.test(k))) {
    // Inside a tree (which has no forward anyway) a Sequential whose functions left gaps converts
    // layer by layer as a tree of its layers_<i>; only at the root is it refused.
    const gaps = keys.some((_, i) => !keys.includes(`layers_${i}`));
    if (!(path !== '' && gaps)) return inferSequential(params, stats, path, assumed);
    return inferTree(params, stats, path, assumed, infer);
  }
  const names = [...keys, ...Object.keys(stats ?? {})];
  if (names.length > 0 && names.every((k) => sub(params, k) ?? sub(stats, k)))
    return inferTree(params, stats, path, assumed, infer, statsFirst);
  throw new InteropError('E_MISSING_ARCH', `cannot tell the Linen module at ${path || '(root)'} from its variables; pass a spec`, {
    found: keys.join(', ') || '(none)',
  });
}

function inferSequential(params: VariableTree, stats: VariableTree | undefined, path: string, assumed: string[]): Sequential {
  const indices = Object.keys(params)
    .map((k) => Number(k.slice('layers_'.length)))
    .sort((a, b) => a - b);
  const layers: Module[] = [];
  for (let i = 0; i <= indices[indices.length - 1]!; i++) {
    const name = `layers_${i}`;
    const p = sub(params, name);
    if (!p) {
      throw new InteropError(
        'E_MISSING_ARCH',
        `${path ? `${path}/` : ''}${name} holds no variables (an activation or Dropout); its function cannot be inferred, pass a spec`,
      );
    }
    layers.push(infer(p, sub(stats, name), `${path ? `${path}/` : ''}${name}`, assumed) as Module);
  }
  assumed.push(
    `${path || '(root)'}: Sequential ends at layers_${indices[indices.length - 1]} (trailing entries without variables are invisible)`,
  );
  return new Sequential(layers);
}

/**
 * Reads an architecture off Linen variables where names and shapes determine it: each layer by
 * its spec entry's `infer` (Dense vs Conv by kernel rank, BatchNorm by `batch_stats`, cells by
 * their gate names, ...), a Sequential by `layers_<i>`, and otherwise a `ModuleTree` of the
 * named submodules, without a forward; with the defaults it assumed.
 *
 * @throws {InteropError} E_INVALID_ARGUMENT without a top-level `params`; E_MISSING_ARCH where
 *   the variables do not determine a module (e.g. an activation between `layers_0` and `layers_2`).
 * @example
 * ```ts
 * const { module, assumed } = inferArchitecture(readVariables(bytes));
 * ```
 */
export function inferArchitecture(variables: Variables): InferredArchitecture {
  const assumed: string[] = [];
  const statsFirst = Object.keys(variables)[0] === 'batch_stats';
  const module = infer(requireParams(variables, 'Linen model'), variables.batch_stats, '', assumed, statsFirst);
  return { module, assumed };
}
