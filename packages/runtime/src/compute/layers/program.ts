import { InteropError, OP_KINDS, isInteropError } from '@interop/core';
import type { ForwardStep, IRNode, LayerIR, Tensor } from '@interop/core';
import type { Activation, LayerContext } from './context.js';
import { floats } from './context.js';

/** A value flowing through a program: an activation, or the raw input before the first layer. */
export type Flowing = Activation | { tensor: Tensor };

/** How a program runs its parts: a child by name, a stateless op node. */
export interface StepRunners {
  call(name: string, x: Flowing): Activation;
  op(node: IRNode, x: Flowing): Activation;
}

/**
 * Runs forward steps in order: `{ call }` through `runners.call`, `{ op }` through `runners.op`,
 * `{ residual, shortcut? }` as `shortcut(x) + residual(x)` with the backend's `add`. Errors are
 * located at `forward/<i>` (nested `forward/<i>/residual/<j>`) unless they come from a call.
 *
 * @throws {InteropError} E_INVALID_IR for a malformed step; E_SHAPE_MISMATCH when a residual adds
 *   values of different shapes; whatever a step throws.
 * @example
 * ```ts
 * const y = runSteps(module.forward, { tensor: x }, { call, op }, ctx, 'forward');
 * ```
 */
export function runSteps(steps: readonly ForwardStep[], x: Flowing, runners: StepRunners, ctx: LayerContext, where: string): Flowing {
  if (!Array.isArray(steps))
    throw new InteropError('E_INVALID_IR', 'A forward program must be an array of steps', { path: where, found: typeof steps });
  let cur = x;
  steps.forEach((step, i) => {
    const at = `${where}/${i}`;
    if (step !== null && typeof step === 'object' && 'call' in step && typeof step.call === 'string') {
      cur = runners.call(step.call, cur);
      return;
    }
    try {
      if (step !== null && typeof step === 'object' && 'op' in step && step.op !== null && typeof step.op === 'object') {
        cur = runners.op(step.op, cur);
      } else if (step !== null && typeof step === 'object' && 'residual' in step && Array.isArray(step.residual)) {
        const main = activation(runSteps(step.residual, cur, runners, ctx, `${at}/residual`), ctx);
        const skip = activation(step.shortcut ? runSteps(step.shortcut, cur, runners, ctx, `${at}/shortcut`) : cur, ctx);
        cur = addResidual(skip, main, ctx, at);
      } else {
        throw new InteropError('E_INVALID_IR', 'A forward step must be { call }, { op } or { residual, shortcut? }', {
          path: at,
          found: step,
          fix: 'Write each step as { call: childName }, { op: irNode } or { residual: [...steps] }',
        });
      }
    } catch (e) {
      throw isInteropError(e) && e.path === undefined ? e.at(at) : e;
    }
  });
  return cur;
}

/** The float activation of a flowing value (decoding a raw input tensor). */
export function activation(x: Flowing, ctx: LayerContext): Activation {
  return 'tensor' in x ? { data: floats(x.tensor, ctx, 'Program input'), shape: [...x.tensor.shape] } : x;
}

function addResidual(skip: Activation, main: Activation, ctx: LayerContext, path: string): Activation {
  if (skip.shape.length !== main.shape.length || skip.shape.some((d, i) => d !== main.shape[i])) {
    throw new InteropError('E_SHAPE_MISMATCH', 'A residual adds two values of different shapes', {
      path,
      expected: `[${skip.shape.join(', ')}] (the shortcut's output)`,
      found: `[${main.shape.join(', ')}] (the residual branch's output)`,
      fix: 'Give the residual a `shortcut` that projects the input to the shape of the block output',
    });
  }
  return { data: ctx.backend.add(skip.data, main.data), shape: skip.shape };
}

/**
 * The node of an `{ op }` step, refused unless it is a stateless kind (see `OP_KINDS`), or a
 * plugin kind of `ctx.kinds` whose definition is `stateless`.
 *
 * @throws {InteropError} E_INVALID_IR for a node that holds weights or is not an IR node.
 */
export function checkOp(node: IRNode, ctx?: LayerContext): LayerIR {
  const kind = (node as { kind?: unknown } | null)?.kind;
  const plugin = typeof kind === 'string' && ctx?.kinds !== undefined && Object.hasOwn(ctx.kinds, kind) ? ctx.kinds[kind] : undefined;
  if (typeof kind !== 'string' || !(OP_KINDS.includes(kind) || plugin?.stateless === true)) {
    throw new InteropError(
      'E_INVALID_IR',
      `An { op } step must be a stateless kind, not ${typeof kind === 'string' ? `"${kind}"` : String(node)}`,
      {
        expected: OP_KINDS.join(', '),
        found: kind,
        fix: 'Make a layer with weights a child of the module and call it by name ({ call: name })',
      },
    );
  }
  return node as LayerIR;
}
