import { InteropError, OP_KINDS } from '@interop/core';
import type { ForwardStep, Tensor } from '@interop/core';
import type { KeyLike } from '@interop/runtime';
import { Module } from '../module.js';
import type { TreeField } from '../module.js';
import { isStateful, runForward } from '../run-forward.js';
import { State } from '../state.js';

/** A child of a {@link ModuleTree}: a module (a layer or a nested tree), or a list of them. */
export type TreeChild = Module | readonly Module[];

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function checkSteps(steps: readonly ForwardStep[], names: readonly string[], where: string): void {
  steps.forEach((step, i) => {
    const at = `${where}/${i}`;
    if ('call' in step) {
      if (!names.includes(step.call)) {
        throw new InteropError('E_INVALID_ARGUMENT', `The forward program calls \`${step.call}\`, which is not a child of the tree`, {
          path: at,
          expected: names.join(', ') || '(no children)',
          fix: 'Name a child, or write the function as an op step',
        });
      }
    } else if ('op' in step) {
      if (!OP_KINDS.includes(step.op.kind)) {
        throw new InteropError('E_INVALID_ARGUMENT', `A forward op must be a stateless kind, not \`${step.op.kind}\``, {
          path: at,
          expected: OP_KINDS.join(', '),
          fix: 'Declare the layer as a child and call it by name',
        });
      }
    } else if (Array.isArray((step as { residual?: unknown }).residual)) {
      checkSteps(step.residual, names, `${at}/residual`);
      if (step.shortcut) checkSteps(step.shortcut, names, `${at}/shortcut`);
    } else {
      throw new InteropError('E_INVALID_ARGUMENT', 'A forward step is { call }, { op } or { residual, shortcut? }', {
        path: at,
        found: JSON.stringify(step),
      });
    }
  });
}

/**
 * A user-written `eqx.Module`: named fields holding layers, nested trees or lists of them, in
 * declaration order (the order `eqx.tree_serialise_leaves` writes their leaves, a list's items
 * in order), and the forward program its `__call__` runs, in IR terms: children by name, ops of
 * one channels-last example except `flatten`, which is `jnp.ravel` of the channels-first example
 * (C·H·W). Called like any Equinox module on one channels-first example, or vmapped on a batch;
 * with a BatchNorm inside, it takes and returns the State.
 *
 * @example
 * ```ts
 * const cnn = new ModuleTree('CNN', { conv: new Conv2d(1, 3, 4, { key: k1 }), fc: new Linear(243, 10, { key: k2 }) },
 *   forwardFromSpec(['conv', { fn: 'relu' }, { fn: 'flatten' }, 'fc']));
 * const logits = cnn.call(image); // image of shape [1, 12, 12]
 * ```
 */
export class ModuleTree extends Module {
  declare readonly name: string;
  declare readonly children: Readonly<Record<string, TreeChild>>;
  declare readonly forward: readonly ForwardStep[] | undefined;

  /**
   * @throws {InteropError} E_INVALID_ARGUMENT for a child name that is not a Python identifier, a
   *   child that is not a module (or list of modules), or a forward step calling an unknown child.
   */
  constructor(name: string, children: Readonly<Record<string, TreeChild>>, forward?: readonly ForwardStep[]) {
    super();
    if (typeof name !== 'string' || !IDENTIFIER.test(name)) {
      throw new InteropError('E_INVALID_ARGUMENT', 'A ModuleTree needs its class name (a Python identifier)', { found: String(name) });
    }
    const own: Record<string, TreeChild> = {};
    for (const [field, child] of Object.entries(children ?? {})) {
      if (!IDENTIFIER.test(field)) {
        throw new InteropError(
          'E_INVALID_ARGUMENT',
          `Child name \`${field}\` is not a Python identifier, so it cannot be a field of an eqx.Module`,
          { path: field },
        );
      }
      const ok = child instanceof Module || (Array.isArray(child) && child.every((c) => c instanceof Module));
      if (!ok) {
        throw new InteropError('E_INVALID_ARGUMENT', `Child \`${field}\` must be an @interop/equinox module or a list of them`, {
          path: field,
          fix: 'Wrap functions in Lambda, or write them as forward steps',
        });
      }
      own[field] = Array.isArray(child) ? Object.freeze([...(child as Module[])]) : child;
    }
    if (forward !== undefined) checkSteps(forward, Object.keys(own), 'forward');
    Object.assign(this, { name, children: Object.freeze(own), forward: forward === undefined ? undefined : Object.freeze([...forward]) });
    Object.freeze(this);
  }

  /** `Module`: the type a spec names a tree with (`name` is the user's class). */
  get type(): string {
    return 'Module';
  }

  /** The children in declaration order: the fields `tree_flatten` visits. */
  treeFields(): readonly TreeField[] {
    return Object.keys(this.children).map((n) => [n, n] as const);
  }

  override fieldValue(property: string): unknown {
    return this.children[property];
  }

  /** A tree with some children replaced (by name), this one unchanged. */
  override replace(patch: Record<string, unknown>): this {
    return new ModuleTree(this.name, { ...this.children, ...(patch as Record<string, TreeChild>) }, this.forward) as this;
  }

  /** Whether any child keeps state (a BatchNorm anywhere inside). */
  isStateful(): boolean {
    return Object.values(this.children).some((c) => (Array.isArray(c) ? (c as Module[]) : [c as Module]).some((m) => isStateful(m)));
  }

  /** `model(x)` for one channels-first example, or `model(x, state)` returning `[y, state]`. */
  call(x: Tensor, options?: { key?: KeyLike | null }): Tensor;
  call(x: Tensor, state: State, options?: { key?: KeyLike | null }): [Tensor, State];
  call(x: Tensor, stateOrOptions?: State | { key?: KeyLike | null }): Tensor | [Tensor, State] {
    const state = stateOrOptions instanceof State ? stateOrOptions : undefined;
    const out = this.run(x.reshape([1, ...x.shape]), state);
    const y = out.y.reshape(out.y.shape.slice(1));
    return state ? [y, out.state!] : y;
  }

  /** `jax.vmap(model)(xs)`, or with an unbatched State `[ys, state]` (`in_axes=(0, None)`). */
  callBatch(xs: Tensor, options?: { key?: KeyLike | null }): Tensor;
  callBatch(xs: Tensor, state: State, options?: { key?: KeyLike | null }): [Tensor, State];
  callBatch(xs: Tensor, stateOrOptions?: State | { key?: KeyLike | null }): Tensor | [Tensor, State] {
    const state = stateOrOptions instanceof State ? stateOrOptions : undefined;
    const out = this.run(xs, state);
    return state ? [out.y, out.state!] : out.y;
  }

  private run(xs: Tensor, state: State | undefined): { y: Tensor; state: State | undefined } {
    if (!this.forward) {
      throw new InteropError('E_MISSING_ARCH', `ModuleTree \`${this.name}\` has no forward program, so it cannot run as a whole`, {
        fix: 'Give it a forward (the `forward` list of its Module spec), or run its children one by one',
      });
    }
    const run = { child: (n: string) => this.children[n]!, state };
    const y = runForward(this.forward, xs, run);
    return { y, state: run.state };
  }
}
