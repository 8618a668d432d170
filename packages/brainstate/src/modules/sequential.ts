import { InteropError, isInteropError } from '@interop/core';
import type { LayerIR, SequentialIR, Tensor } from '@interop/core';
import { ElementWiseBlock, Module } from '../module.js';
import type { GraphNode } from '../module.js';

/**
 * A plain function kept in a Sequential (Python keeps any callable there): elementwise for size
 * threading, run as is, never converted.
 *
 * @example
 * ```ts
 * new Sequential(new Linear(3, 4), (x) => x);
 * ```
 */
export class FunctionLayer extends ElementWiseBlock {
  readonly type = 'FunctionLayer';

  constructor(readonly fn: (x: Tensor) => Tensor) {
    super();
  }

  toIR(): never {
    throw new InteropError(
      'E_UNMAPPED_LAYER',
      `a plain function in a Sequential has no IR; use an activation layer (nn.ReLU(), nn.relu, ...)`,
      {
        found: this.fn.name || '(anonymous function)',
      },
    );
  }

  call(x: Tensor): Tensor {
    return this.fn(x);
  }
}

/**
 * `brainstate.nn.Sequential(first, *layers)`: calls each layer in order; states under
 * `layers/<i>`. `in_size` is the first layer's, and sizes thread through: a layer contributes
 * its `out_size`, an elementwise block (activation, Dropout, a plain function) passes the size on.
 * A plain function after the first layer is kept as a {@link FunctionLayer}, as Python keeps a
 * callable; it runs, but converting it is refused (`E_UNMAPPED_LAYER`), as in the anchor.
 *
 * @example
 * ```ts
 * const model = new Sequential(new Linear(4, 8), new LayerNorm(8), new Linear(8, 2));
 * model.outSize; // [2]
 * ```
 */
export class Sequential extends Module {
  readonly type = 'Sequential';
  readonly layers: Module[];

  constructor(...args: Array<Module | ((x: Tensor) => Tensor)>) {
    super();
    if (args.length === 0 || !(args[0] instanceof Module)) {
      throw new InteropError('E_INVALID_ARGUMENT', 'Sequential needs a brainstate Module as its first layer', {
        found: args.length ? typeof args[0] : '(no layers)',
      });
    }
    const layers = args.map((l, i) => {
      if (l instanceof Module) return l;
      if (typeof l === 'function') return new FunctionLayer(l);
      throw new InteropError('E_INVALID_ARGUMENT', `Sequential layer ${i} is neither a brainstate Module nor a function`, {
        found: typeof l,
      });
    });
    this.layers = layers;
    this.inSize = layers[0]!.inSize ? [...layers[0]!.inSize] : undefined;
    let size = this.inSize;
    for (const l of layers) size = l instanceof ElementWiseBlock ? size : l.outSize ? [...l.outSize] : size;
    this.outSize = size;
  }

  override graphNodes(): Array<[string, GraphNode]> {
    return [['layers', this.layers]];
  }

  toIR(inputShape?: readonly number[]): SequentialIR {
    let shape = inputShape ? [...inputShape] : this.inSize;
    const layers: LayerIR[] = this.layers.map((l) => {
      const ir = l.toIR(shape);
      shape = shape ? l.outputShape(shape) : l instanceof ElementWiseBlock ? shape : l.outSize;
      return ir;
    });
    return { kind: 'sequential', params: {}, tensors: {}, layers };
  }

  call(x: Tensor): Tensor {
    return this.layers.reduce((y, layer, i) => {
      try {
        return layer.call(y);
      } catch (e) {
        throw isInteropError(e) ? e.at(`layers/${i}`) : e;
      }
    }, x);
  }
}
