// Two toy frameworks with module trees, used by core's tests: "tree-cl" flattens channels-last
// (Flax-like, dense kernel [in, out]); "tree-cf" flattens channels-first (Equinox-like, weight
// [out, in]) and has a pooling layer class.
import { definePlugin, defineMapping } from '../registry/define.js';
import type { ForwardStep } from '../ir/module.js';
import type { FrameworkAdapter, ModuleParts } from '../registry/types.js';
import { transpose } from '../tensor/layout.js';
import type { Tensor } from '../tensor/tensor.js';

export class TLayer {}

export class TModule extends TLayer {
  constructor(
    readonly name: string,
    readonly children: ModuleParts<TLayer>['children'],
    readonly forward?: ForwardStep[],
  ) {
    super();
  }
}

export class TDense extends TLayer {
  constructor(readonly weight: Tensor) {
    super();
  }
}

export class TConv extends TLayer {
  seen: number[] | undefined;
  constructor(readonly kernel: Tensor) {
    super();
  }
}

export class TFlatten extends TLayer {}

export class TRelu extends TLayer {}

export class TStack extends TLayer {
  constructor(readonly layers: TLayer[]) {
    super();
  }
}

export class TPool extends TLayer {
  constructor(readonly window: number) {
    super();
  }
}

function adapter(order: 'channels-last' | 'channels-first'): FrameworkAdapter<TLayer> {
  return {
    layerType: (m) => (m instanceof TLayer ? (m.constructor as new () => TLayer) : undefined),
    isSequential: (m) => m instanceof TStack,
    children: (m) => (m as TStack).layers.map((model, i) => ({ key: `layers/${i}`, model })),
    hasChildModules: () => false,
    buildSequential: (children) => new TStack(children),
    moduleParts: (m) =>
      m instanceof TModule ? { name: m.name, children: m.children, ...(m.forward ? { forward: m.forward } : {}) } : undefined,
    buildModule: (parts) => new TModule(parts.name, parts.children, parts.forward),
    flattenOrder: order,
  };
}

function mappings(framework: string, denseTransposed: boolean) {
  const dense = defineMapping({
    meta: { framework, layer: 'TDense', ir: 'linear', status: 'stable', description: 'dense' },
    layerType: TDense,
    toIR: (m: TDense) => {
      const kernel = denseTransposed ? transpose(m.weight, [1, 0]) : m.weight;
      return { kind: 'linear', params: { inFeatures: kernel.shape[0]!, outFeatures: kernel.shape[1]! }, tensors: { kernel } };
    },
    fromIR: (ir) => new TDense(denseTransposed ? transpose(ir.tensors.kernel!, [1, 0]) : ir.tensors.kernel!),
  });
  const conv = defineMapping({
    meta: { framework, layer: 'TConv', ir: 'conv', status: 'stable', description: '1x1 conv' },
    layerType: TConv,
    toIR: (m: TConv, ctx) => {
      const shape = ctx.inputShape;
      const [, , cin, cout] = m.kernel.shape as [number, number, number, number];
      return {
        kind: 'conv',
        params: {
          inFeatures: cin,
          outFeatures: cout,
          kernelSize: [1, 1],
          strides: [1, 1],
          padding: 'VALID',
          paddingMode: 'zeros',
          inputDilation: [1, 1],
          kernelDilation: [1, 1],
          featureGroups: 1,
        },
        tensors: { kernel: m.kernel },
        ...(shape ? { inputShape: shape } : {}),
      };
    },
    fromIR: (ir, ctx) => Object.assign(new TConv(ir.tensors.kernel!), { seen: ctx.inputShape }),
  });
  const flatten = defineMapping({
    meta: { framework, layer: 'TFlatten', ir: 'flatten', status: 'stable', description: 'flatten' },
    layerType: TFlatten,
    toIR: () => ({ kind: 'flatten', params: {}, tensors: {} }),
    fromIR: () => new TFlatten(),
  });
  const relu = defineMapping({
    meta: { framework, layer: 'TRelu', ir: 'activation', status: 'stable', description: 'relu' },
    layerType: TRelu,
    toIR: () => ({ kind: 'activation', params: { fn: 'relu' }, tensors: {} }),
    fromIR: () => new TRelu(),
  });
  return { conv, dense, flatten, relu };
}

const cl = mappings('tree-cl', false);
const cf = mappings('tree-cf', true);

const pool = defineMapping({
  meta: { framework: 'tree-cf', layer: 'TPool', ir: 'pool', status: 'stable', description: 'max pool' },
  layerType: TPool,
  toIR: (m: TPool) => ({
    kind: 'pool',
    params: { op: 'max', windowShape: [m.window, m.window], strides: [m.window, m.window], padding: 'VALID', countIncludePad: true },
    tensors: {},
  }),
  fromIR: (ir) => new TPool(ir.params.windowShape[0]!),
});

export const treeCL = definePlugin({
  meta: { name: 'tree-cl-plugin', version: '1.0.0', framework: 'tree-cl' },
  adapter: adapter('channels-last'),
  mappings: { TConv: cl.conv, TDense: cl.dense, TFlatten: cl.flatten, TRelu: cl.relu },
});

export const treeCF = definePlugin({
  meta: { name: 'tree-cf-plugin', version: '1.0.0', framework: 'tree-cf' },
  adapter: adapter('channels-first'),
  mappings: { TConv: cf.conv, TDense: cf.dense, TFlatten: cf.flatten, TPool: pool, TRelu: cf.relu },
});
