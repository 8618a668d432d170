import { InteropError, OP_KINDS } from '@interop/core';
import { runProgram } from '@interop/runtime';
import type { ForwardStep, LayerIR, Tensor } from '@interop/core';
import { GRAPH_NODES, Module, requireTensor } from './module.js';
import type { AnyModule } from './module.js';

/** One child of a {@link ModuleTree}: a layer, a nested tree, or a list of them (`nnx.List`). */
export type TreeChild = AnyModule | readonly AnyModule[];

const OPS = new Set(OP_KINDS);

function invalid(what: string, details: { path?: string; found?: unknown; expected?: unknown; fix?: string } = {}): never {
  throw new InteropError('E_INVALID_ARGUMENT', what, details);
}

function checkChild(tree: string, name: string, child: unknown): void {
  if (name === '' || name.includes('/')) invalid(`${tree}: a child name must be a non-empty attribute name without '/'`, { found: name });
  const items = Array.isArray(child) ? (child as unknown[]) : [child];
  items.forEach((item, i) => {
    if (!(item instanceof Module)) {
      invalid(`${tree}: child '${Array.isArray(child) ? `${name}/${i}` : name}' is not an NNX module`, {
        found: typeof item,
        fix: 'Pass layers (new Linear(...)), ModuleTrees or arrays of them; write functions such as relu as forward steps ({ op })',
      });
    }
  });
}

function checkSteps(tree: string, steps: readonly ForwardStep[], names: readonly string[], path: string): void {
  if (!Array.isArray(steps)) invalid(`${tree}: the forward program must be a list of steps`, { path, found: typeof steps });
  steps.forEach((step, i) => {
    const at = `${path}/${i}`;
    if (typeof step !== 'object' || step === null) invalid(`${tree}: forward step ${at} is not a step`, { path: at, found: step });
    if ('call' in step) {
      if (!names.includes(step.call))
        invalid(`${tree}: the forward program calls '${step.call}', which is not a child`, {
          path: at,
          expected: names.join(', ') || '(no children)',
          found: step.call,
        });
    } else if ('op' in step) {
      if (!OPS.has(step.op?.kind))
        invalid(`${tree}: forward step ${at} applies '${String(step.op?.kind)}', which is not a function`, {
          path: at,
          expected: OP_KINDS.join(', '),
        });
    } else if ('residual' in step) {
      checkSteps(tree, step.residual, names, `${at}/residual`);
      if (step.shortcut !== undefined) checkSteps(tree, step.shortcut, names, `${at}/shortcut`);
    } else {
      invalid(`${tree}: forward step ${at} needs call, op or residual`, { path: at, found: Object.keys(step) });
    }
  });
}

/**
 * A user-written NNX model, as a Python class with attributes and a `__call__`: named children
 * (layers, nested trees, lists of them as `nnx.List`) in declaration order and, when known, the
 * forward program. Its state is NNX's: `conv1/kernel`, lists as `blocks/0/linear/kernel`, keys
 * sorted; `writeState` / `readState` save and load it as NNX does.
 *
 * @example
 * ```ts
 * const rngs = new Rngs(0);
 * const cnn = new ModuleTree('CNN', { conv1: new Conv(1, 4, [3, 3], { rngs }), linear: new Linear(576, 10, { rngs }) }, [
 *   { call: 'conv1' }, { op: { kind: 'activation', params: { fn: 'relu' }, tensors: {} } }, { op: { kind: 'flatten', params: {}, tensors: {} } }, { call: 'linear' },
 * ]);
 * const y = cnn.call(x); // x: [batch, 12, 12, 1]
 * ```
 */
export class ModuleTree extends Module {
  /** The Python class name (`CNN`). */
  readonly name: string;
  /** Children by attribute name, in declaration order. */
  readonly children: Readonly<Record<string, TreeChild>>;
  /** The forward program (`forwardFromSpec` reads one from a spec); absent when not known. */
  readonly forward: readonly ForwardStep[] | undefined;

  constructor(name: string, children: Readonly<Record<string, TreeChild>>, forward?: readonly ForwardStep[]) {
    super();
    if (typeof name !== 'string' || name === '') invalid('a ModuleTree needs its class name', { found: name });
    if (typeof children !== 'object' || children === null || Array.isArray(children))
      invalid(`${name}: children must be a record of modules`, { found: typeof children });
    for (const [k, v] of Object.entries(children)) checkChild(name, k, v);
    if (forward !== undefined) checkSteps(name, forward, Object.keys(children), 'forward');
    this.name = name;
    this.children = Object.freeze(
      Object.fromEntries(Object.entries(children).map(([k, v]) => [k, Array.isArray(v) ? Object.freeze([...v]) : v])),
    );
    this.forward = forward === undefined ? undefined : Object.freeze([...forward]);
  }

  /** The class name, as messages show it. */
  get type(): string {
    return this.name;
  }

  /** @internal The children are the tree's NNX attributes. */
  [GRAPH_NODES](): Readonly<Record<string, TreeChild>> {
    return this.children;
  }

  /** A tree has no single-layer IR; the registry reads it (`toIR(tree, 'nnx')`). */
  toIR(): LayerIR {
    throw new InteropError('E_UNSUPPORTED_STRUCTURE', `${this.name} is a module tree, which has no single-layer IR`, {
      fix: "Convert it through the registry: createRegistry().use(nnx).toIR(tree, 'nnx')",
    });
  }

  /**
   * Runs the forward program on a batched channels-last input with `@interop/runtime`'s
   * `runProgram` (each child by its own `call`, a list's items in order); the output is float32.
   *
   * @throws {InteropError} E_MISSING_ARCH when the tree has no forward program.
   */
  override call(input: Tensor): Tensor {
    const x = requireTensor(input, `${this.name}.call`);
    if (!this.forward) {
      throw new InteropError('E_MISSING_ARCH', `${this.name} has no forward program, so it cannot run as a whole`, {
        fix: 'Give the tree its forward steps (a Module spec\'s "forward" list), or run its children one by one',
      });
    }
    return runProgram([...this.forward], x, (name, y) => {
      const child = this.children[name]!;
      return (Array.isArray(child) ? child : [child as AnyModule]).reduce<Tensor>((z, m) => m.call(z) as Tensor, y);
    });
  }
}
