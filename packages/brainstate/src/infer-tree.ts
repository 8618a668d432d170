import { InteropError, Tensor } from '@interop/core';
import type { Module } from './module.js';
import { ModuleTree } from './modules/module-tree.js';
import type { ModuleTreeChild } from './modules/module-tree.js';

type Tree = { [key: string]: Tree | Tensor };

const isIndex = (k: string): boolean => /^(0|[1-9][0-9]*)$/.test(k);
const isTree = (v: Tree | Tensor | undefined): v is Tree => v !== undefined && !(v instanceof Tensor);

/** A class name for an inferred module: `Model` at the root, else its attribute in PascalCase (`encoder` → `Encoder`). */
function className(path: string): string {
  const attr = path
    .split('/')
    .filter((p) => !isIndex(p))
    .pop();
  return attr ? attr.replace(/(^|_)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase()) : 'Model';
}

/**
 * True when `tree` is a user's module rather than one layer's states: a non-empty dict of dicts,
 * none of them a dict-valued State (a `weight` of arrays only).
 */
export function looksLikeTree(tree: Tree): boolean {
  const keys = Object.keys(tree);
  return (
    keys.length > 0 &&
    keys.every((k) => {
      const v = tree[k];
      return isTree(v) && !(k === 'weight' && Object.values(v).every((x) => x instanceof Tensor));
    })
  );
}

/**
 * Reads a user's module off its states: a {@link ModuleTree} of its attributes in the file's
 * (sorted) order, a dict of contiguous integer keys a list, without a forward program (neither the
 * declaration order nor the computation is stored). `inferChild` reads one attribute's subtree.
 *
 * @throws {InteropError} E_MISSING_ARCH for a list with gaps (items without states, such as an
 *   activation, which a file cannot name) or integer keys where attribute names belong.
 */
export function inferTree(
  tree: Tree,
  path: string,
  assumed: string[],
  inferChild: (child: Tree, path: string) => Module,
  missing: (at: string, what: string, found: Tree) => never,
): ModuleTree {
  const prefix = path ? `${path}/` : '';
  const children: Record<string, ModuleTreeChild> = {};
  for (const key of Object.keys(tree)) {
    if (isIndex(key)) missing(path || '(root)', `integer keys (${key}) at a module's level, where attribute names were expected`, tree);
    const child = tree[key] as Tree;
    const indices = Object.keys(child);
    if (indices.length > 0 && indices.every(isIndex)) {
      const items = indices.map(Number).sort((a, b) => a - b);
      const gaps = Array.from({ length: items[items.length - 1]! + 1 }, (_, i) => i).filter((i) => !items.includes(i));
      if (gaps.length > 0) {
        throw new InteropError(
          'E_MISSING_ARCH',
          `cannot tell the brainstate module at ${prefix}${key} from its states: list items ${gaps.join(', ')} hold no states (an activation, Dropout or pool?), which a file cannot name`,
          {
            found: indices.join(', '),
            fix: 'Pass the architecture as a Module spec (--arch) and load the file into it',
          },
        );
      }
      children[key] = items.map((i) => {
        const item = child[String(i)];
        return isTree(item)
          ? inferChild(item, `${prefix}${key}/${i}`)
          : missing(`${prefix}${key}/${i}`, 'an array where a module should be', child);
      });
    } else {
      children[key] = inferChild(child, `${prefix}${key}`);
    }
  }
  const name = className(path);
  assumed.push(
    `${path || '(root)'}: a module ${name} of ${Object.keys(children).join(', ')}, in the file's sorted order; its declaration order and forward are not stored, so it converts layer by layer`,
  );
  return new ModuleTree(name, children);
}
