import type { AnyModule } from './module.js';
import { ModuleTree } from './modules/module-tree.js';
import type { TreeChild } from './modules/module-tree.js';
import type { VariableTree } from './variables.js';

/** Reads the module at a path from its params and batch_stats subtrees (the layer inference). */
export type InferChild = (params: VariableTree, stats: VariableTree | undefined, path: string, assumed: string[]) => AnyModule;

/**
 * The child names of a tree in creation order: `params`' order, with names only `batch_stats`
 * holds (a BatchNorm without scale and bias) placed after their predecessor there; one without
 * a predecessor goes first when `batch_stats` was created first, else after the first module
 * with params (the file does not record more).
 */
function childNames(params: VariableTree, stats: VariableTree | undefined, statsFirst: boolean): string[] {
  const names = Object.keys(params);
  let at = statsFirst || names.length === 0 ? -1 : 0;
  for (const name of Object.keys(stats ?? {})) {
    const i = names.indexOf(name);
    if (i >= 0) at = i;
    else names.splice(++at, 0, name);
  }
  return names;
}

/** `Encoder` for an `@nn.compact` auto-name `Encoder_0`; other names (setup attributes) as they are. */
function className(key: string): string {
  return /^([A-Z]\w*?)_\d+$/.exec(key)?.[1] ?? key;
}

/**
 * A {@link ModuleTree} of the modules the variables show, one child per name (`Conv_0`,
 * `Encoder_0`, `blocks_0`), each inferred in turn. Functions between layers leave nothing in the
 * variables, so the tree has no forward program: it converts layer by layer but cannot run.
 *
 * @example
 * ```ts
 * inferTree(variables.params, variables.batch_stats, '', assumed, infer); // ModuleTree Model { Conv_0, Conv_1, Dense_0, Dense_1 }
 * ```
 */
export function inferTree(
  params: VariableTree,
  stats: VariableTree | undefined,
  path: string,
  assumed: string[],
  infer: InferChild,
  statsFirst = false,
): ModuleTree {
  const names = childNames(params, stats, statsFirst);
  const children: Record<string, TreeChild> = {};
  for (const name of names) {
    const sub = (tree: VariableTree | undefined) => tree?.[name] as VariableTree | undefined;
    children[name] = infer(sub(params) ?? {}, sub(stats), path ? `${path}/${name}` : name, assumed);
  }
  assumed.push(
    `${path || '(root)'}: a module of ${names.join(', ')} in file order; the functions between them (activations, pooling, reshapes) are not stored, so it has no forward: it converts layer by layer and cannot run (pass --arch with a Module spec to run it)`,
  );
  return new ModuleTree(path ? className(path.split('/').pop()!) : 'Model', children);
}
