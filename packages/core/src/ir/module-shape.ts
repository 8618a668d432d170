import { InteropError } from '../errors/interop-error.js';
import type { IRNode } from '../registry/types.js';
import type { Shape } from '../tensor/tensor.js';
import type { ForwardStep, ModuleIR } from './module.js';
import { childNamed, childNodes, childPath } from './module.js';

/** Output shape of one node for an input shape (the caller's shape rule). */
export type NodeShape = (node: IRNode, inputShape: Shape, path: string) => number[];

function addShapes(a: number[], b: number[], path: string): number[] {
  if (a.length !== b.length || a.some((d, i) => d !== b[i])) {
    throw new InteropError('E_SHAPE_MISMATCH', 'A residual adds two values of different shapes', {
      path,
      expected: `[${a.join(', ')}]`,
      found: `[${b.join(', ')}]`,
      fix: 'Give the residual a `shortcut` that projects the input to the shape of the block output',
    });
  }
  return a;
}

/**
 * Flows an unbatched shape through a forward program: each `call` runs the child's nodes in order,
 * each `op` its node, each residual both branches (which must agree). `shapeOf` gives a node's
 * output shape; the engine uses it to learn every child's input shape on the way.
 *
 * @throws {InteropError} E_INVALID_IR for a call to an unknown child; E_SHAPE_MISMATCH where shapes do not fit.
 */
export function flowForward(
  module: ModuleIR,
  steps: readonly ForwardStep[],
  inputShape: Shape,
  shapeOf: NodeShape,
  path: string,
): number[] {
  let shape = [...inputShape];
  for (const step of steps) {
    if ('call' in step) {
      const child = childNamed(module.children, step.call, { path });
      childNodes(child).forEach((node, i) => {
        shape = shapeOf(node, shape, childPath(path, child, i));
      });
    } else if ('op' in step) {
      shape = shapeOf(step.op, shape, path);
    } else {
      const main = flowForward(module, step.residual, shape, shapeOf, path);
      const skip = step.shortcut ? flowForward(module, step.shortcut, shape, shapeOf, path) : shape;
      shape = addShapes(skip, main, path);
    }
  }
  return shape;
}
