import { InteropError, childNamed, childNodes, childPath, isInteropError } from '@interop/core';
import type { IRNode, LayerIR, ModuleIR } from '@interop/core';
import type { Activation, LayerContext } from './context.js';
import type { Flowing } from './program.js';
import { activation, checkOp, runSteps } from './program.js';

/** Runs one node on a flowing value (the dispatcher, passed in to keep imports one-way). */
export type NodeRunner = (ir: LayerIR, x: Flowing, ctx: LayerContext) => Activation;

/**
 * Runs a module tree's forward program: `{ call: name }` runs the child (a list child its items
 * in order, a nested module its own forward), `{ op }` the op's kernel, residuals add. Errors
 * inside a child carry its path (`conv1`, `blocks/0/...`).
 *
 * @throws {InteropError} E_MISSING_ARCH for a module without a forward program; E_INVALID_IR for a
 *   call to an unknown child or a malformed step; the errors of the nodes it runs.
 * @example
 * ```ts
 * const y = runModule(cnnIR, { tensor: x }, ctx, runLayer);
 * ```
 */
export function runModule(ir: ModuleIR, x: Flowing, ctx: LayerContext, runNode: NodeRunner): Activation {
  const { children, forward } = ir;
  const name = typeof ir.params?.name === 'string' ? ir.params.name : '(unnamed)';
  if (!Array.isArray(children))
    throw new InteropError('E_INVALID_IR', `Module \`${name}\` needs a "children" array`, { found: typeof children });
  if (forward === undefined) {
    throw new InteropError('E_MISSING_ARCH', `Module \`${name}\` has no forward program, so it cannot run as a whole`, {
      fix: 'Give the module a `forward` list of steps (in a spec: "forward": ["conv1", { "fn": "relu" }, ...]), or run its layers one by one',
    });
  }
  const call = (childName: string, input: Flowing): Activation => {
    const child = childNamed(children, childName, { path: '' });
    let cur = input;
    childNodes(child).forEach((node: IRNode, i) => {
      try {
        cur = runNode(node as LayerIR, cur, ctx);
      } catch (e) {
        throw isInteropError(e) ? e.at(childPath('', child, i)) : e;
      }
    });
    return activation(cur, ctx);
  };
  const op = (node: IRNode, input: Flowing): Activation => runNode(checkOp(node, ctx), input, ctx);
  return activation(runSteps(forward, x, { call, op }, ctx, 'forward'), ctx);
}
