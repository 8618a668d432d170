import { InteropError, isInteropError } from '@interop/core';
import type { LayerIR, SequentialIR, Tensor } from '@interop/core';
import { ElementWiseBlock, Module } from '../module.js';
import type { GraphNode } from '../module.js';

/**
 * `brainstate.nn.Sequential(first, *layers)`: calls each layer in order; states under
 * `layers/<i>`. `in_size` is the first layer's, and sizes thread through: a layer contributes
 * its `out_size`, an elementwise block (activation, Dropout) passes the size on.
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

  constructor(...layers: Module[]) {
    super();
    if (layers.length === 0 || !(layers[0] instanceof Module)) {
      throw new InteropError('E_INVALID_ARGUMENT', 'Sequential needs a brainstate Module as its first layer', { found: layers.length ? typeof layers[0] : '(no layers)' });
    }
    layers.forEach((l, i) => {
      if (!(l instanceof Module)) throw new InteropError('E_INVALID_ARGUMENT', `Sequential layer ${i} is not a brainstate Module`, { found: typeof l });
    });
    this.layers = [...layers];
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
