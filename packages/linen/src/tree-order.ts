import type { ForwardStep } from '@interop/core';
import type { AnyModule } from './module.js';
import { BatchNorm } from './modules/batch-norm.js';
import { Sequential, childVariables } from './modules/sequential.js';
import type { Variables } from './variables.js';

/**
 * The child names a forward program calls, in Linen's creation order: each name at its first
 * call, a residual branch before its shortcut (as `x + f(x)` and Flax's ResNet block compute
 * the branch first).
 *
 * @example
 * ```ts
 * callOrder([{ call: 'b' }, { op: relu }, { call: 'a' }, { call: 'b' }]); // ['b', 'a']
 * ```
 */
export function callOrder(steps: readonly ForwardStep[], out: string[] = []): string[] {
  for (const step of steps) {
    if ('call' in step) {
      if (!out.includes(step.call)) out.push(step.call);
    } else if ('residual' in step) {
      callOrder(step.residual, out);
      if (step.shortcut) callOrder(step.shortcut, out);
    }
  }
  return out;
}

/**
 * `names` in creation order: those the forward program calls first (in call order), then the
 * rest in declaration order. Linen creates variables at a module's first call.
 *
 * @example
 * ```ts
 * creationOrder(['Dense_0', 'Dense_1'], [{ call: 'Dense_1' }, { call: 'Dense_0' }]); // ['Dense_1', 'Dense_0']
 * ```
 */
export function creationOrder(names: readonly string[], forward: readonly ForwardStep[] | undefined): string[] {
  const called = forward ? callOrder(forward).filter((n) => names.includes(n)) : [];
  return [...called, ...names.filter((n) => !called.includes(n))];
}

function withKeys(variables: Variables, first: readonly string[]): Variables {
  const out: Variables = {};
  for (const c of [...first, ...Object.keys(variables)]) if (variables[c] !== undefined && out[c] === undefined) out[c] = variables[c];
  return out;
}

/**
 * A module's variables with their collections in the order Linen creates them: a BatchNorm
 * makes `batch_stats` before `params`; a Sequential in the order of its layers' first
 * collections. The mappings build BatchNorm with `params` first (the anchor's order for a lone
 * layer), which only matters once the collections of a tree are merged.
 *
 * @example
 * ```ts
 * inCreationOrder(new BatchNorm(true), { params, batch_stats }); // { batch_stats, params }
 * ```
 */
export function inCreationOrder(module: AnyModule, variables: Variables): Variables {
  if (module instanceof BatchNorm) return withKeys(variables, ['batch_stats']);
  if (module instanceof Sequential) {
    const order: string[] = [];
    for (const [name, m] of module.named()) {
      for (const c of Object.keys(inCreationOrder(m, childVariables(variables, name)))) if (!order.includes(c)) order.push(c);
    }
    return withKeys(variables, order);
  }
  return variables;
}

/**
 * Nests each child's variables under its name, per collection, in the order given (which must
 * be creation order): collections appear in the order their first variable was created, as in
 * the dict `module.init` returns and `flax.serialization.to_bytes` writes.
 *
 * @example
 * ```ts
 * mergeChildren([['Conv_0', { params: conv }], ['BatchNorm_0', { batch_stats, params: bn }]]);
 * // { params: { Conv_0, BatchNorm_0 }, batch_stats: { BatchNorm_0 } }
 * ```
 */
export function mergeChildren(children: ReadonlyArray<readonly [string, Variables]>): Variables {
  const out: Variables = {};
  for (const [name, variables] of children) {
    for (const [collection, tree] of Object.entries(variables)) (out[collection] ??= {})[name] = tree;
  }
  return out;
}
