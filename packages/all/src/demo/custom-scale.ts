import { defineMapping, Tensor } from '@interop/core';
import type { IRNodeBase, LayerIR } from '@interop/core';
import { Module as BrainstateModule, ParamState } from '@interop/brainstate';
import type { GraphNode } from '@interop/brainstate';
import { Module as NnxModule, Param } from '@interop/nnx';

/** The demo's custom IR kind: per-feature gains on the last axis. */
type ScaleIR = IRNodeBase<'scale', { features: number }, 'scale'>;

function scaled(x: Tensor, gains: Tensor): Tensor {
  const g = gains.toArray();
  return Tensor.fromArray(
    x.toArray().map((v, i) => Math.fround(v * g[i % g.length]!)),
    x.shape,
    'float32',
  );
}

/**
 * A layer no plugin knows, written as a BrainState user would: learnable per-feature gains in a
 * `ParamState`.
 *
 * @example
 * ```ts
 * new BrainstateScale(8).call(x);
 * ```
 */
export class BrainstateScale extends BrainstateModule {
  readonly type = 'Scale';
  readonly weight: ParamState<{ weight: Tensor }>;

  constructor(features: number, gains?: Tensor) {
    super();
    this.inSize = [features];
    this.outSize = [features];
    this.weight = new ParamState({
      weight:
        gains ??
        Tensor.fromArray(
          Array.from({ length: features }, (_, i) => 1 + i / 4),
          [features],
          'float32',
        ),
    });
  }

  override graphNodes(): Array<[string, GraphNode]> {
    return [['weight', this.weight]];
  }

  toIR(): LayerIR {
    const ir: ScaleIR = { kind: 'scale', params: { features: this.outSize![0]! }, tensors: { scale: this.weight.value.weight } };
    return ir as unknown as LayerIR;
  }

  call(x: Tensor): Tensor {
    return scaled(x, this.weight.value.weight);
  }

  override outputShape(inputShape: readonly number[]): number[] {
    return [...inputShape];
  }
}

/**
 * The same layer as an NNX user would write it: a `Param` named `scale`.
 *
 * @example
 * ```ts
 * new NnxScale(new Param(gains)).call(x);
 * ```
 */
export class NnxScale extends NnxModule {
  readonly type = 'Scale';

  constructor(readonly scale: Param) {
    super();
  }

  toIR(): LayerIR {
    const ir: ScaleIR = { kind: 'scale', params: { features: this.scale.value.shape[0]! }, tensors: { scale: this.scale.value } };
    return ir as unknown as LayerIR;
  }

  override call(x: Tensor): Tensor {
    return scaled(x, this.scale.value);
  }
}

/** BrainState `Scale` ↔ `scale`, as a user passes it to `registerLayerMapping`. */
export const brainstateScale = defineMapping({
  meta: { framework: 'brainstate', layer: 'Scale', ir: 'scale', status: 'experimental', description: 'demo: per-feature gains' },
  layerType: BrainstateScale,
  toIR: (layer: BrainstateScale) => layer.toIR() as unknown as ScaleIR,
  fromIR: (ir: ScaleIR) => new BrainstateScale(ir.params.features, ir.tensors.scale),
});

/** NNX `Scale` ↔ `scale`. */
export const nnxScale = defineMapping({
  meta: { framework: 'nnx', layer: 'Scale', ir: 'scale', status: 'experimental', description: 'demo: per-feature gains' },
  layerType: NnxScale,
  toIR: (layer: NnxScale) => layer.toIR() as unknown as ScaleIR,
  fromIR: (ir: ScaleIR) => new NnxScale(new Param(ir.tensors.scale!)),
});
