import { InteropError, Tensor } from '@interop/core';
import { Module, ParamState } from '@interop/brainstate';
import type { GraphNode } from '@interop/brainstate';
import { applyScale } from './scale-ir.js';
import type { ScaleIR } from './scale-ir.js';

/**
 * A BrainState layer with learnable per-feature gains: state `weight: ParamState({ weight })`
 * of shape `[features]`, initialised to ones, as a user would write it in Python.
 *
 * @example
 * ```ts
 * const model = new brainstate.nn.Sequential(new brainstate.nn.Linear(4, 8), new Scale(8));
 * ```
 */
export class Scale extends Module {
  readonly type = 'Scale';
  readonly weight: ParamState<{ weight: Tensor }>;

  constructor(inSize: number | number[], gains?: Tensor) {
    super();
    const size = typeof inSize === 'number' ? [inSize] : [...inSize];
    const features = size[size.length - 1]!;
    if (!Number.isInteger(features) || features <= 0) {
      throw new InteropError('E_INVALID_ARGUMENT', `Scale needs a positive feature count, got ${String(inSize)}`, {
        fix: 'Pass the input size, e.g. new Scale(8)',
      });
    }
    this.inSize = size;
    this.outSize = [...size];
    const weight = gains ?? Tensor.fromArray(new Array<number>(features).fill(1), [features], 'float32');
    if (weight.shape.length !== 1 || weight.shape[0] !== features) {
      throw new InteropError('E_SHAPE_MISMATCH', `Scale gains must have shape [${features}], got [${weight.shape.join(', ')}]`);
    }
    this.weight = new ParamState({ weight });
  }

  override graphNodes(): Array<[string, GraphNode]> {
    return [['weight', this.weight]];
  }

  toIR(): ScaleIR {
    return { kind: 'scale', params: { features: this.weight.value.weight.shape[0]! }, tensors: { scale: this.weight.value.weight } };
  }

  call(x: Tensor): Tensor {
    return applyScale(x, this.weight.value.weight);
  }

  override outputShape(inputShape: readonly number[]): number[] {
    return [...inputShape];
  }
}
