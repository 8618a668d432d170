import { InteropError } from '../errors/interop-error.js';
import type { IRNode } from '../registry/types.js';
import type { moduleKind } from './builtin/index.js';
import type { IRNodeOf } from './define-kind.js';

/**
 * One named child of a module, in declaration order: a single node (a layer or a nested module),
 * or a list of nodes (`layers: [...]` in NNX/Equinox, `layers_0, layers_1` in Linen).
 */
export type ModuleChild = { name: string; node: IRNode } | { name: string; items: IRNode[] };

/**
 * One step of a forward program:
 * - `{ call: name }` runs a child (a list runs its items in order; a module runs its forward);
 * - `{ op: node }` applies a stateless function (an activation, pool, flatten, reshape, mean,
 *   softmax or dropout node);
 * - `{ residual, shortcut? }` computes `shortcut(x) + residual(x)` (the shortcut defaults to `x`).
 */
export type ForwardStep = { call: string } | { op: IRNode } | { residual: ForwardStep[]; shortcut?: ForwardStep[] };

/**
 * A named module tree: children in declaration order and, when known, the forward program that
 * uses them. `params.name` is the user's class name (`CNN`). Without a forward the tree still
 * converts, layer by layer, but cannot run as a whole.
 */
export interface ModuleIR extends IRNodeOf<typeof moduleKind> {
  /** The module's params (as its kind definition checks them). */
  params: {
    /** The user's class name (`CNN`). */
    name: string;
  };
  /** Named children in declaration order. */
  children: ModuleChild[];
  /** The computation, in canonical channels-last terms; absent when not known. */
  forward?: ForwardStep[];
}

/** True when a child entry is a list. */
export function isListChild(child: ModuleChild): child is { name: string; items: IRNode[] } {
  return 'items' in child;
}

/** The nodes of a child entry, one for a single child. */
export function childNodes(child: ModuleChild): IRNode[] {
  return isListChild(child) ? child.items : [child.node];
}

/** The path of item `index` of a child: `conv1`, or `layers/0` for a list. */
export function childPath(path: string, child: { name: string } & ({ node: unknown } | { items: unknown[] }), index: number): string {
  const own = 'items' in child ? `${child.name}/${index}` : child.name;
  return path === '' ? own : `${path}/${own}`;
}

/** The child called `name`, or `E_INVALID_IR` listing the children. */
export function childNamed<T extends { name: string }>(children: readonly T[], name: string, where: { path: string }): T {
  const child = children.find((c) => c.name === name);
  if (!child) {
    throw new InteropError('E_INVALID_IR', `The forward program calls \`${name}\`, which is not a child of the module`, {
      ...where,
      expected: children.map((c) => c.name).join(', ') || '(no children)',
      found: name,
      fix: 'Name a child declared in `children`, or write the function as a step ({ fn: ... })',
    });
  }
  return child;
}
