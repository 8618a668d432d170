// "toy-linen": a framework in the Flax Linen style, where modules hold no weights and the user
// passes `[module, variables]`. The walked node pairs a module with its slice of the variables,
// and `finalize` hands the user `[module, variables]` back.
import { definePlugin, defineMapping } from '../registry/define.js';
import type { FrameworkAdapter } from '../registry/types.js';
import { Tensor } from '../tensor/tensor.js';

export class LModule {}
export class LDense extends LModule {
  constructor(public features: number) {
    super();
  }
}
export class LDropout extends LModule {
  constructor(public rate: number) {
    super();
  }
}
export class LSequential extends LModule {
  constructor(public layers: LModule[]) {
    super();
  }
}

type Tree = { [name: string]: Tensor | Tree };
export type Variables = { [collection: string]: Tree };

export class LNode {
  constructor(
    public module: LModule,
    public variables: Variables,
  ) {}
}

function slice(variables: Variables, key: string): Variables {
  const out: Variables = {};
  for (const [collection, tree] of Object.entries(variables)) {
    const sub = tree[key];
    if (sub && !(sub instanceof Tensor)) out[collection] = sub;
  }
  return out;
}

export const toyLinenAdapter: FrameworkAdapter<LNode> = {
  wrap: (input) => {
    const [module, variables] = input as [LModule, Variables];
    return new LNode(module, variables);
  },
  layerType: (node) => node.module.constructor as new () => LModule,
  isSequential: (node) => node.module instanceof LSequential,
  children: (node) =>
    (node.module as LSequential).layers.map((m, i) => ({ key: `layers_${i}`, model: new LNode(m, slice(node.variables, `layers_${i}`)) })),
  hasChildModules: (node) => Object.values(node.variables.params ?? {}).some((v) => !(v instanceof Tensor)),
  buildSequential: (children) => {
    const merged: Variables = {};
    children.forEach((child, i) => {
      for (const [collection, tree] of Object.entries(child.variables)) (merged[collection] ??= {})[`layers_${i}`] = tree;
    });
    return new LNode(new LSequential(children.map((c) => c.module)), merged);
  },
  finalize: (root) => [root.module, root.variables],
};

export const lDense = defineMapping({
  meta: { framework: 'toy-linen', layer: 'LDense', ir: 'linear', status: 'stable', description: 'Dense' },
  layerType: LDense,
  toIR: (node: LNode) => {
    const { kernel, bias } = node.variables.params as { kernel: Tensor; bias?: Tensor };
    return {
      kind: 'linear',
      params: { inFeatures: kernel.shape[0]!, outFeatures: kernel.shape[1]! },
      tensors: { kernel, ...(bias ? { bias } : {}) },
    };
  },
  fromIR: (ir) =>
    new LNode(new LDense(ir.params.outFeatures), {
      params: { kernel: ir.tensors.kernel!, ...(ir.tensors.bias ? { bias: ir.tensors.bias } : {}) },
    }),
});

export const lDropout = defineMapping({
  meta: { framework: 'toy-linen', layer: 'LDropout', ir: 'dropout', status: 'stable', description: 'Dropout' },
  layerType: LDropout,
  toIR: (node: LNode) => ({ kind: 'dropout', params: { rate: (node.module as LDropout).rate }, tensors: {} }),
  fromIR: (ir) => new LNode(new LDropout(ir.params.rate), {}),
});

export const toyLinen = definePlugin({
  meta: { name: 'toy-linen-plugin', version: '0.0.1', framework: 'toy-linen' },
  adapter: toyLinenAdapter,
  mappings: { LDense: lDense, LDropout: lDropout },
});
