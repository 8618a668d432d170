import { InteropError, Tensor } from '@interop/core';
import type { ForwardStep, IRNode, LayerIR } from '@interop/core';
import { runIR } from '@interop/runtime';
import { castTo, floatOf, promote } from './dtypes.js';
import { toChannelsFirst, toChannelsLast } from './layout.js';
import { Module } from './module.js';
import { BatchNorm } from './modules/batch-norm.js';
import { Sequential } from './modules/sequential.js';
import type { State } from './state.js';

/** A module that can be called on a batch (every layer of this package, and trees). */
interface Callable {
  callBatch(xs: Tensor, ...rest: unknown[]): unknown;
  isStateful?(): boolean;
}

/**
 * Whether calling `m` takes and returns the model's State (BatchNorm, or a container holding one).
 *
 * @example
 * ```ts
 * isStateful(new Sequential([new Linear(3, 4, { key }), bn])); // true
 * ```
 */
export function isStateful(m: Module): boolean {
  if (m instanceof BatchNorm) return true;
  if (m instanceof Sequential) return m.isStateful();
  const c = m as unknown as Partial<Callable>;
  return typeof c.isStateful === 'function' && c.isStateful();
}

/** Elementwise `a + b` of equal shapes, in their promoted dtype (a residual's add). */
function add(a: Tensor, b: Tensor, where: string): Tensor {
  if (a.shape.length !== b.shape.length || a.shape.some((d, i) => d !== b.shape[i])) {
    throw new InteropError(
      'E_SHAPE_MISMATCH',
      `A residual adds a shortcut of shape [${a.shape.join(', ')}] to a branch of shape [${b.shape.join(', ')}]`,
      {
        path: where,
        fix: 'Give the branch a projection (a shortcut with a conv or Linear) so both sides have one shape',
      },
    );
  }
  const x = a.toFloat64();
  const y = b.toFloat64();
  return Tensor.fromArray(
    Array.from(x, (v, i) => v + y[i]!),
    a.shape,
    promote([a, b]),
  );
}

/** Runs a stateless IR op on an Equinox-layout batch: kernels see it channels-last. */
function runOp(node: IRNode, xs: Tensor): Tensor {
  switch (node.kind) {
    case 'dropout':
      return xs;
    case 'flatten':
      // jnp.ravel of each channels-first example: C·H·W order (the adapter's flattenOrder).
      return xs.reshape([xs.shape[0]!, xs.shape.slice(1).reduce((a, b) => a * b, 1)]);
    case 'activation':
      return castTo(runIR(node as LayerIR, xs), floatOf(xs));
    default:
      return castTo(toChannelsFirst(runIR(node as LayerIR, toChannelsLast(xs, true)), true), floatOf(xs));
  }
}

/** The state a forward run threads through stateful children. */
export interface ForwardRun {
  /** The child (or list) of the tree called `name`. */
  child(name: string): Module | readonly Module[];
  /** The model's State, when it has one. */
  state: State | undefined;
}

/**
 * Runs forward steps on a batch `xs` (each example channels-first, as Equinox holds it):
 * children through their batched call (stateful ones with the State), function steps with the
 * runtime's kernels on the channels-last view (a flatten is `jnp.ravel`, C·H·W), and residuals
 * as `shortcut(x) + residual(x)`.
 *
 * @throws {InteropError} E_SHAPE_MISMATCH for a residual of two shapes; E_INVALID_ARGUMENT for a
 *   stateful child without a State or a child that cannot run on a batch alone (a cell).
 * @example
 * ```ts
 * const ys = runForward(tree.forward!, xs, { child: (n) => tree.children[n]!, state: undefined });
 * ```
 */
export function runForward(steps: readonly ForwardStep[], xs: Tensor, run: ForwardRun, path = 'forward'): Tensor {
  let x = xs;
  steps.forEach((step, i) => {
    const at = `${path}/${i}`;
    if ('call' in step) {
      const found = run.child(step.call);
      for (const m of Array.isArray(found) ? (found as readonly Module[]) : [found as Module]) x = callChild(m, x, run, step.call);
    } else if ('op' in step) {
      x = runOp(step.op, x);
    } else {
      const main = runForward(step.residual, x, run, `${at}/residual`);
      const skip = step.shortcut ? runForward(step.shortcut, x, run, `${at}/shortcut`) : x;
      x = add(skip, main, at);
    }
  });
  return x;
}

function callChild(m: Module, xs: Tensor, run: ForwardRun, name: string): Tensor {
  const fn = (m as unknown as Partial<Callable>).callBatch;
  if (typeof fn !== 'function') {
    throw new InteropError('E_INVALID_ARGUMENT', `Child \`${name}\` (${m.type}) cannot be called on a batch alone`, { path: name });
  }
  if (!isStateful(m)) {
    const y = fn.call(m, xs);
    if (!(y instanceof Tensor)) {
      throw new InteropError(
        'E_INVALID_ARGUMENT',
        `Child \`${name}\` (${m.type}) returns a carry, not a tensor: a forward program runs feed-forward children`,
        { path: name },
      );
    }
    return y;
  }
  if (!run.state) {
    throw new InteropError('E_INVALID_ARGUMENT', `Child \`${name}\` (${m.type}) is stateful: call the tree with its State`, {
      path: name,
      fix: 'Pass the State from makeWithState, modelWithStateFromSpec or treeDeserialiseLeaves',
    });
  }
  const [y, state] = fn.call(m, xs, run.state) as [Tensor, State];
  run.state = state;
  return y;
}
