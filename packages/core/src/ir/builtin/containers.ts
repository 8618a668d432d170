import { InteropError } from '../../errors/interop-error.js';
import { defineKind } from '../define-kind.js';
import type { SequentialIR } from '../kinds.js';
import type { ModuleIR } from '../module.js';
import { flowForward } from '../module-shape.js';

/** `sequential`: its `layers`, applied in order; the shape folds over them. */
export const sequentialKind = defineKind({
  kind: 'sequential',
  description: 'stack of layers',
  params: {},
  tensors: {},
  outputShape: (ir, inputShape, shapeOf): number[] =>
    (ir as SequentialIR).layers.reduce<number[]>((shape, layer) => shapeOf(layer, shape), [...inputShape]),
});

/** `module`: a named tree of children and, when known, the forward program that uses them. */
export const moduleKind = defineKind({
  kind: 'module',
  description: 'named module tree with a forward program',
  params: { name: 'string' },
  tensors: {},
  outputShape(ir, inputShape, shapeOf): number[] {
    const module = ir as ModuleIR;
    if (!module.forward) {
      throw new InteropError('E_MISSING_ARCH', `Module \`${module.params.name}\` has no forward program, so its output shape is unknown`, {
        fix: 'Give the module spec a `forward` list of steps',
      });
    }
    return flowForward(module, module.forward, inputShape, (node, shape) => shapeOf(node, shape), '');
  },
});
