import { InteropError, OP_KINDS, inferOutputShape, isInteropError } from '@interop/core';
import type { ForwardStep, LayerIR, ModuleChild, ModuleIR, Tensor } from '@interop/core';
import { runProgram } from '@interop/runtime';
import { Module } from '../module.js';
import type { GraphNode } from '../module.js';

/** One child of a {@link ModuleTree}: a layer, a nested tree, or a list of them (`blocks/0`, `blocks/1`). */
export type ModuleTreeChild = Module | readonly Module[];

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function bad(what: string, details: { path?: string; found?: unknown; expected?: string; fix?: string }): never {
  throw new InteropError('E_INVALID_ARGUMENT', what, details);
}

function checkSteps(steps: readonly ForwardStep[], children: Readonly<Record<string, ModuleTreeChild>>, path: string): void {
  if (!Array.isArray(steps)) bad('a forward program is a list of steps', { path, found: typeof steps });
  steps.forEach((step, i) => {
    const at = `${path}/${i}`;
    if (step !== null && typeof step === 'object' && 'call' in step) {
      if (!Object.hasOwn(children, step.call)) {
        bad(`the forward program calls \`${String(step.call)}\`, which is not a child of the module`, {
          path: at,
          found: step.call,
          expected: Object.keys(children).join(', ') || '(no children)',
          fix: 'Call a child by its attribute name, or write the function as an { op } step',
        });
      }
    } else if (step !== null && typeof step === 'object' && 'op' in step) {
      if (!OP_KINDS.includes(step.op?.kind))
        bad('an { op } step applies a stateless kind', { path: at, found: step.op?.kind, expected: OP_KINDS.join(', ') });
    } else if (step !== null && typeof step === 'object' && 'residual' in step) {
      checkSteps(step.residual, children, `${at}/residual`);
      if (step.shortcut !== undefined) checkSteps(step.shortcut, children, `${at}/shortcut`);
    } else {
      bad('a forward step is { call }, { op } or { residual, shortcut? }', { path: at, found: JSON.stringify(step) });
    }
  });
}

/**
 * A user-written `brainstate.nn.Module` subclass: named children (layers, nested trees, lists of
 * them) in declaration order and, when known, the forward program its `update` runs. Its states
 * are its children's, by attribute path (`conv1/weight/weight`, `blocks/0/norm/running_mean`),
 * so `msgpackSave` writes what `braintools.file.msgpack_save(path, graph.states(model))` writes
 * for the Python class. `call` runs the forward program on a batched, channels-last input:
 * children through their own `call`, function steps with `@interop/runtime`'s kernels.
 *
 * @throws {InteropError} E_INVALID_ARGUMENT for a child name that is not a Python identifier, a
 *   child that is not a brainstate Module, or a forward step that calls no child.
 * @example
 * ```ts
 * const cnn = new ModuleTree('CNN', { conv1, pool: new AvgPool2d(2, 2), flatten: new Flatten(1), linear1 },
 *   forwardFromSpec(['conv1', { fn: 'relu' }, 'pool', 'flatten', 'linear1']));
 * cnn.call(x); // [batch, 10]
 * ```
 */
export class ModuleTree extends Module {
  readonly type = 'Module';
  /** The Python class name (`CNN`). */
  readonly name: string;
  /** Children by attribute name, in declaration order. */
  readonly children: Readonly<Record<string, ModuleTreeChild>>;
  /** The forward program, in IR steps; absent when not known (the tree then converts but cannot run). */
  readonly forward: ForwardStep[] | undefined;

  constructor(name: string, children: Readonly<Record<string, ModuleTreeChild>>, forward?: ForwardStep[]) {
    super();
    if (typeof name !== 'string' || name === '') bad('a ModuleTree needs its class name', { found: typeof name });
    if (children === null || typeof children !== 'object' || Array.isArray(children))
      bad('a ModuleTree needs its children as an object of name → layer', { found: typeof children });
    const own: Record<string, ModuleTreeChild> = {};
    for (const [key, child] of Object.entries(children)) {
      if (!IDENTIFIER.test(key))
        bad(`child name '${key}' is not a Python attribute name`, {
          path: key,
          fix: 'Name children as the Python class names its attributes (letters, digits and _, not starting with a digit)',
        });
      const items = Array.isArray(child) ? child : [child];
      items.forEach((m, i) => {
        if (!(m instanceof Module))
          bad(`child '${key}' is not a brainstate Module`, {
            path: Array.isArray(child) ? `${key}/${i}` : key,
            found: (m as object)?.constructor?.name ?? typeof m,
          });
      });
      own[key] = Array.isArray(child) ? Object.freeze([...(child as Module[])]) : child;
    }
    this.name = name;
    this.children = Object.freeze(own);
    if (forward !== undefined) checkSteps(forward, own, 'forward');
    this.forward = forward;
  }

  override graphNodes(): Array<[string, GraphNode]> {
    return Object.entries(this.children).map(([key, child]) => [key, child as GraphNode]);
  }

  /** The children's input shapes, flowed through the forward program from `inputShape`. */
  private inputShapes(inputShape: readonly number[] | undefined): Map<Module, number[]> {
    const seen = new Map<Module, number[]>();
    const flow = (steps: readonly ForwardStep[], shape: number[]): number[] => {
      for (const step of steps) {
        if ('call' in step) {
          const child = this.children[step.call]!;
          for (const m of Array.isArray(child) ? child : [child as Module]) {
            if (!seen.has(m)) seen.set(m, shape);
            shape = m.outputShape(shape);
          }
        } else if ('op' in step) shape = inferOutputShape(step.op as LayerIR, shape);
        else shape = flow(step.residual, shape);
      }
      return shape;
    };
    if (inputShape && this.forward) flow(this.forward, [...inputShape]);
    return seen;
  }

  /** The tree as a `module` IR, each child's IR read with its input shape when `inputShape` is given. */
  toIR(inputShape?: readonly number[]): ModuleIR {
    const shapes = this.inputShapes(inputShape);
    const children: ModuleChild[] = Object.entries(this.children).map(([key, child]) =>
      Array.isArray(child)
        ? { name: key, items: child.map((m: Module) => m.toIR(shapes.get(m))) }
        : { name: key, node: (child as Module).toIR(shapes.get(child as Module)) },
    );
    return {
      kind: 'module',
      params: { name: this.name },
      tensors: {},
      children,
      ...(this.forward ? { forward: this.forward } : {}),
      ...(inputShape ? { inputShape: [...inputShape] } : {}),
    };
  }

  call(x: Tensor): Tensor {
    if (!this.forward) {
      throw new InteropError('E_MISSING_ARCH', `Module \`${this.name}\` has no forward program, so it cannot run as a whole`, {
        fix: 'Give it a forward (the third argument of ModuleTree, or "forward" in its spec); without one it still converts, layer by layer',
      });
    }
    return runProgram(this.forward, x, (key, h) => {
      const child = this.children[key]!;
      if (!Array.isArray(child)) return (child as Module).call(h);
      return child.reduce((y: Tensor, m: Module, i: number) => {
        try {
          return m.call(y);
        } catch (e) {
          throw isInteropError(e) ? e.at(String(i)) : e;
        }
      }, h);
    });
  }
}
