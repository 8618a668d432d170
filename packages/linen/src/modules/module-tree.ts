import { InteropError, inferOutputShape } from '@interop/core';
import type { ForwardStep, LayerIR, Tensor } from '@interop/core';
import { runProgram } from '@interop/runtime';
import type { LinenRngScope } from '../rng-scope.js';
import { castTo } from '../dtypes.js';
import { Module } from '../module.js';
import type { AnyModule } from '../module.js';
import { creationOrder, mergeChildren } from '../tree-order.js';
import type { Variables } from '../variables.js';
import { childVariables } from './sequential.js';

/** A child of a {@link ModuleTree}: a module (a layer or a nested tree), or a list of them. */
export type TreeChild = AnyModule | readonly AnyModule[];

function callsIn(steps: readonly ForwardStep[], out: string[] = []): string[] {
  for (const step of steps) {
    if ('call' in step) out.push(step.call);
    else if ('residual' in step) callsIn([...step.residual, ...(step.shortcut ?? [])], out);
  }
  return out;
}

function checkChildren(name: string, children: Readonly<Record<string, TreeChild>>, forward: readonly ForwardStep[] | undefined): void {
  const seen = new Set<string>();
  for (const [child, value] of Object.entries(children)) {
    const items = Array.isArray(value) ? value : [value];
    if (!items.every((m) => m instanceof Module)) {
      throw new InteropError('E_INVALID_ARGUMENT', `ModuleTree \`${name}\` child \`${child}\` is not a Linen module or a list of them`, {
        fix: 'Pass layers (new Dense(8)), nested ModuleTrees or arrays of them as the children',
      });
    }
    const names = Array.isArray(value) ? items.map((_, i) => `${child}_${i}`) : [child];
    for (const n of names) {
      if (seen.has(n)) {
        throw new InteropError('E_INVALID_ARGUMENT', `ModuleTree \`${name}\` has two children whose variables are named \`${n}\``, {
          fix: 'Rename one: a list child `blocks` stores its items as blocks_0, blocks_1, ...',
        });
      }
      seen.add(n);
    }
  }
  const unknown = callsIn(forward ?? []).filter((c) => !Object.hasOwn(children, c));
  if (unknown.length > 0) {
    throw new InteropError('E_INVALID_ARGUMENT', `The forward program of \`${name}\` calls \`${unknown[0]}\`, which is not a child`, {
      expected: Object.keys(children).join(', ') || '(no children)',
      found: unknown.join(', '),
      fix: 'Name a declared child, or write the function as a step ({ op } in IR, { fn } in a spec)',
    });
  }
}

/**
 * A user-written Linen model: named children (layers, nested trees, lists) and the forward
 * program `__call__` runs. Variables nest per child name as Linen's do (`params/Encoder_0/Dense_0/
 * kernel`); a list child `blocks` stores its items as `blocks_0`, `blocks_1`, like a `setup()`
 * list attribute. Use the names the model's checkpoint holds (`Conv_0` for `@nn.compact`
 * auto-names, the attribute for `setup()`). An `nn.Sequential` built inside `@nn.compact` adds
 * no level (its layers are the parent's `Dense_1`, `Dense_2`, ...: write them as children); one
 * set in `setup()` is a `Sequential` child (`seq/layers_0`). Without a forward it converts
 * layer by layer but cannot run or `init`.
 *
 * @example
 * ```ts
 * const cnn = new ModuleTree('CNN', { Conv_0: new Conv(32, [3, 3]), Dense_0: new Dense(10) }, forwardFromSpec(['Conv_0', { fn: 'relu' }, { fn: 'flatten' }, 'Dense_0']));
 * const y = cnn.apply(cnn.init(key(0), x), x);
 * ```
 */
export class ModuleTree extends Module {
  readonly type = 'Module';
  /** Named children in declaration order. */
  readonly children: Readonly<Record<string, TreeChild>>;
  /** The computation, in IR steps; absent when not known. */
  readonly forward: ForwardStep[] | undefined;

  /**
   * @throws {InteropError} E_INVALID_ARGUMENT for a child that is not a module, two children
   *   whose variable names clash, or a forward step calling no child.
   */
  constructor(
    readonly name: string,
    children: Readonly<Record<string, TreeChild>>,
    forward?: ForwardStep[],
  ) {
    super();
    checkChildren(name, children, forward);
    this.children = children;
    this.forward = forward;
  }

  /** The items of child `name` with their variable names (`conv1`, or `blocks_0`, `blocks_1`). */
  items(name: string): Array<[string, AnyModule]> {
    const child = this.children[name];
    if (child === undefined) return [];
    return Array.isArray(child) ? child.map((m, i) => [`${name}_${i}`, m]) : [[name, child as AnyModule]];
  }

  /** Every item with its variable name, in declaration order. */
  named(): Array<[string, AnyModule]> {
    return Object.keys(this.children).flatMap((name) => this.items(name));
  }

  private requireForward(what: string): ForwardStep[] {
    if (this.forward) return this.forward;
    throw new InteropError('E_MISSING_ARCH', `ModuleTree \`${this.name}\` has no forward program, so it cannot ${what}`, {
      fix: 'Give it one (a `forward` list in its Module spec); without one it converts layer by layer',
    });
  }

  private flow(steps: readonly ForwardStep[], shape: number[], visit: (name: string, m: AnyModule, shape: number[]) => number[]): number[] {
    for (const step of steps) {
      if ('call' in step) for (const [name, m] of this.items(step.call)) shape = visit(name, m, shape);
      else if ('op' in step) shape = inferOutputShape(step.op as LayerIR, shape);
      else {
        const main = this.flow(step.residual, shape, visit);
        if (step.shortcut) this.flow(step.shortcut, shape, visit);
        shape = main;
      }
    }
    return shape;
  }

  /** Linen's `init`: each child at its first call, with its input shape; uncalled ones get none. */
  initVariables(scope: LinenRngScope, inputShape: readonly number[]): Variables {
    const made = new Map<string, Variables>();
    this.flow(this.requireForward('init its variables'), [...inputShape], (name, m, shape) => {
      let v = made.get(name);
      if (!v) made.set(name, (v = m.initVariables(scope.child(name), shape)));
      return m.outputShape(v, shape);
    });
    return mergeChildren([...made]);
  }

  override outputShape(variables: Variables, inputShape: readonly number[]): number[] {
    return this.flow(this.requireForward('tell its output shape'), [...inputShape], (name, m, shape) =>
      m.outputShape(childVariables(variables, name), shape),
    );
  }

  /** The order Linen creates the children's variables in (see `creationOrder`). */
  creationOrder(): string[] {
    const order = creationOrder(Object.keys(this.children), this.forward);
    return order.flatMap((name) => this.items(name).map(([n]) => n));
  }

  toIR(): LayerIR {
    throw new InteropError('E_UNSUPPORTED_STRUCTURE', 'a ModuleTree has no single-layer IR; convert it through the registry');
  }

  /**
   * `model.apply(variables, x)` in inference mode: the forward program on a batched input.
   * Functions keep the dtype, as in JAX: each child gets its input in the dtype of the step
   * before (the runtime hands float32 over), and the result has the last child's dtype.
   *
   * @throws {InteropError} E_MISSING_ARCH without a forward program.
   */
  override apply(variables: Variables, x: Tensor): Tensor {
    const forward = this.requireForward('run');
    let dtype = x.dtype;
    const y = runProgram(forward, x, (name, input) => {
      const out = this.items(name).reduce((t, [n, m]) => m.apply(childVariables(variables, n), t) as Tensor, castTo(input, dtype));
      dtype = out.dtype;
      return out;
    });
    return castTo(y, dtype);
  }
}
