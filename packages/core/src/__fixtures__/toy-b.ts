// "toy-b": a tiny framework in the Equinox style (weights [out, in], OIHW convs, channels-first),
// whose stack calls its layers `items`. Layouts differ from toy-a, so conversions go through
// transforms.
import { ConversionError } from '../errors/named-errors.js';
import type { ConvIR } from '../ir/kinds.js';
import { definePlugin, defineMapping } from '../registry/define.js';
import type { FrameworkAdapter } from '../registry/types.js';
import type { Tensor } from '../tensor/tensor.js';
import { Transpose } from '../transforms/transpose.js';

export class BModule {}

export class BLinear extends BModule {
  constructor(
    public weight: Tensor,
    public bias: Tensor,
  ) {
    super();
  }
}

export class BLayerNorm extends BModule {
  constructor(
    public weight: Tensor,
    public bias: Tensor,
    public eps = 1e-5,
  ) {
    super();
  }
}

export class BConv1d extends BModule {
  constructor(public weight: Tensor) {
    super();
  }
}

export class BConv2d extends BModule {
  constructor(public weight: Tensor) {
    super();
  }
}

export class BStack extends BModule {
  constructor(public items: BModule[]) {
    super();
  }
}

const outIn = new Transpose([1, 0]);

export const toyBAdapter: FrameworkAdapter<BModule> = {
  layerType: (m) => (m instanceof Object ? (m.constructor as new () => BModule) : undefined),
  isSequential: (m) => m instanceof BStack,
  children: (m) => (m as BStack).items.map((model, i) => ({ key: `items/${i}`, model })),
  hasChildModules: (m) => Object.values(m).some((v) => v instanceof BModule),
  buildSequential: (children) => new BStack(children),
};

export const bLinear = defineMapping({
  meta: { framework: 'toy-b', layer: 'BLinear', ir: 'linear', status: 'stable', description: 'Dense layer, weight [out, in]' },
  layerType: BLinear,
  toIR: (m: BLinear) => ({
    kind: 'linear',
    params: { inFeatures: m.weight.shape[1]!, outFeatures: m.weight.shape[0]! },
    tensors: { kernel: outIn.forward(m.weight), bias: m.bias },
  }),
  fromIR: (ir) => {
    // Refuses one IR instance: this toy linear always has a bias.
    if (!ir.tensors.bias) throw new ConversionError('BLinear cannot be built without a bias', { expected: 'a bias tensor' });
    return new BLinear(outIn.inverse(ir.tensors.kernel!), ir.tensors.bias);
  },
});

export const bLayerNorm = defineMapping({
  meta: { framework: 'toy-b', layer: 'BLayerNorm', ir: 'layer-norm', status: 'stable', description: 'Layer norm' },
  layerType: BLayerNorm,
  toIR: (m: BLayerNorm) => ({
    kind: 'layer-norm',
    params: { featureShape: [...m.weight.shape], epsilon: m.eps, variance: 'two-pass' },
    tensors: { scale: m.weight, bias: m.bias },
  }),
  fromIR: (ir) => new BLayerNorm(ir.tensors.scale!, ir.tensors.bias!, ir.params.epsilon),
});

function convMapping<L extends string>(layer: L, nd: number, Type: new (w: Tensor) => BConv1d | BConv2d) {
  // OIHW <-> HWIO: kernel axes (*k, in, out) become (out, in, *k).
  const perm = new Transpose([nd + 1, nd, ...Array.from({ length: nd }, (_, i) => i)]);
  return defineMapping({
    meta: { framework: 'toy-b', layer, ir: 'conv', status: 'experimental', description: `${nd}-d conv, OIHW weight` },
    layerType: Type,
    accepts: (ir: ConvIR) => ir.params.kernelSize.length === nd,
    toIR: (m: BConv1d | BConv2d): ConvIR => {
      const kernel = perm.inverse(m.weight);
      return {
        kind: 'conv',
        params: {
          inFeatures: kernel.shape[nd]!,
          outFeatures: kernel.shape[nd + 1]!,
          kernelSize: kernel.shape.slice(0, nd),
          strides: new Array<number>(nd).fill(1),
          padding: 'VALID',
          paddingMode: 'zeros',
          inputDilation: new Array<number>(nd).fill(1),
          kernelDilation: new Array<number>(nd).fill(1),
          featureGroups: 1,
        },
        tensors: { kernel },
      };
    },
    fromIR: (ir) => new Type(perm.forward(ir.tensors.kernel!)),
  });
}

export const bConv1d = convMapping('BConv1d', 1, BConv1d);
export const bConv2d = convMapping('BConv2d', 2, BConv2d);

export const toyB = definePlugin({
  meta: { name: 'toy-b-plugin', version: '2.0.0', framework: 'toy-b' },
  adapter: toyBAdapter,
  mappings: { BConv1d: bConv1d, BConv2d: bConv2d, BLayerNorm: bLayerNorm, BLinear: bLinear },
  refusals: [{ ir: 'gru-cell-cho', reason: 'toy-b cells apply the reset gate after the hidden matmul' }],
});
