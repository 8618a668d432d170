// "toy-a": a tiny framework in the Flax style (kernels [in, out], HWIO convs), used by core's
// tests. Layers are plain classes; a stack keeps its layers in `layers`.
import { ConversionError } from '../errors/named-errors.js';
import { definePlugin, defineMapping } from '../registry/define.js';
import type { FrameworkAdapter } from '../registry/types.js';
import type { Tensor } from '../tensor/tensor.js';

export class AModule {}

export class ADense extends AModule {
  constructor(
    public kernel: Tensor,
    public bias?: Tensor,
  ) {
    super();
  }
}

export class ANorm extends AModule {
  constructor(
    public scale: Tensor,
    public bias: Tensor,
    public epsilon = 1e-6,
  ) {
    super();
  }
}

export class AConv extends AModule {
  /** Records the input shape each conversion saw, so tests can check the threading. */
  static seen: Array<number[] | undefined> = [];
  constructor(
    public kernel: Tensor,
    public padding: 'SAME' | 'VALID' = 'VALID',
  ) {
    super();
  }
}

export class ASequential extends AModule {
  layers: unknown[];
  constructor(...layers: unknown[]) {
    super();
    this.layers = layers;
  }
}

/** Refused on import: a gated cell that no other toy framework can express. */
export class AGru extends AModule {}

function holdsModule(value: unknown): boolean {
  if (value instanceof AModule) return true;
  if (Array.isArray(value)) return value.some(holdsModule);
  if (value !== null && typeof value === 'object') return Object.values(value).some((v) => v instanceof AModule);
  return false;
}

export const toyAAdapter: FrameworkAdapter<AModule> = {
  layerType: (m) => (m instanceof Object ? (m.constructor as new () => AModule) : undefined),
  isSequential: (m) => m instanceof ASequential,
  children: (m) => (m as ASequential).layers.map((model, i) => ({ key: `layers/${i}`, model: model as AModule })),
  hasChildModules: (m) => Object.values(m).some(holdsModule),
  buildSequential: (children) => new ASequential(...children),
};

export const aDense = defineMapping({
  meta: { framework: 'toy-a', layer: 'ADense', ir: 'linear', status: 'stable', description: 'Dense layer, kernel [in, out]' },
  layerType: ADense,
  toIR: (m: ADense) => ({
    kind: 'linear',
    params: { inFeatures: m.kernel.shape[0]!, outFeatures: m.kernel.shape[1]! },
    tensors: { kernel: m.kernel, ...(m.bias ? { bias: m.bias } : {}) },
  }),
  fromIR: (ir) => new ADense(ir.tensors.kernel!, ir.tensors.bias),
});

export const aNorm = defineMapping({
  meta: { framework: 'toy-a', layer: 'ANorm', ir: 'layer-norm', status: 'stable', description: 'Layer norm over the last axis' },
  layerType: ANorm,
  toIR: (m: ANorm) => ({
    kind: 'layer-norm',
    params: { featureShape: [...m.scale.shape], epsilon: m.epsilon, variance: 'fast' },
    tensors: { scale: m.scale, bias: m.bias },
  }),
  fromIR: (ir) => {
    if (!ir.tensors.scale || !ir.tensors.bias) throw new ConversionError('ANorm needs both scale and bias');
    return new ANorm(ir.tensors.scale, ir.tensors.bias, ir.params.epsilon);
  },
});

export const aConv = defineMapping({
  meta: { framework: 'toy-a', layer: 'AConv', ir: 'conv', status: 'experimental', description: 'N-d conv, HWIO kernel' },
  layerType: AConv,
  toIR: (m: AConv, ctx) => {
    AConv.seen.push(ctx.inputShape);
    ctx.requireInputShape('AConv');
    const nd = m.kernel.ndim - 2;
    return {
      kind: 'conv',
      params: {
        inFeatures: m.kernel.shape[nd]!,
        outFeatures: m.kernel.shape[nd + 1]!,
        kernelSize: m.kernel.shape.slice(0, nd),
        strides: new Array<number>(nd).fill(1),
        padding: m.padding,
        paddingMode: 'zeros',
        inputDilation: new Array<number>(nd).fill(1),
        kernelDilation: new Array<number>(nd).fill(1),
        featureGroups: 1,
      },
      tensors: { kernel: m.kernel },
    };
  },
  fromIR: (ir) => new AConv(ir.tensors.kernel!, ir.params.padding as 'SAME' | 'VALID'),
});

export const toyA = definePlugin({
  meta: { name: 'toy-a-plugin', version: '1.0.0', framework: 'toy-a' },
  adapter: toyAAdapter,
  mappings: { AConv: aConv, ADense: aDense, ANorm: aNorm },
  refusals: [
    { layerType: AGru, reason: 'AGru is a gated cell no other toy framework can express exactly' },
    { ir: 'gru-cell', reason: 'toy-a has no cuDNN-style GRU cell' },
  ],
});
