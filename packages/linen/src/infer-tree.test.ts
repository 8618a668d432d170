import { Tensor, createRegistry } from '@interop/core';
import type { ModuleIR } from '@interop/core';
import { describe, expect, it } from 'vitest';
import linen from './index.js';
import { treeCases, treeGolden } from './__fixtures__/tree-golden.js';
import { inferArchitecture } from './infer.js';
import { ModuleTree } from './modules/module-tree.js';
import { moduleToSpec } from './to-spec.js';
import { writeVariables } from './variables.js';
import type { Variables } from './variables.js';

const childSpecs = (tree: unknown) =>
  Object.fromEntries(Object.entries((tree as ModuleTree).children).map(([k, v]) => [k, moduleToSpec(v as ModuleTree)]));

describe('module trees inferred from variables (no --arch)', () => {
  it('the Flax MNIST CNN: Conv_0, Conv_1, Dense_0, Dense_1, each conv with its assumptions, no forward', () => {
    const { variables } = treeGolden('cnn');
    const { module, assumed } = inferArchitecture(variables);
    expect(module).toBeInstanceOf(ModuleTree);
    expect((module as ModuleTree).forward).toBeUndefined();
    expect(childSpecs(module)).toMatchObject({
      Conv_0: { type: 'Conv', features: 32, kernel_size: [3, 3], strides: [1, 1], padding: 'SAME', use_bias: true },
      Conv_1: { type: 'Conv', features: 64, kernel_size: [3, 3] },
      Dense_0: { type: 'Dense', features: 256 },
      Dense_1: { type: 'Dense', features: 10 },
    });
    expect(Object.keys((module as ModuleTree).children)).toEqual(['Conv_0', 'Conv_1', 'Dense_0', 'Dense_1']);
    expect(assumed.filter((a) => a.startsWith('Conv_0: Conv with strides 1') || a.startsWith('Conv_1: Conv with strides 1'))).toHaveLength(
      2,
    );
    expect(assumed.at(-1)).toMatch(/^\(root\): a module of Conv_0, Conv_1, Dense_0, Dense_1 .*no forward/);
    expect(() => module.apply(variables, treeGolden('cnn').fixture.arrays.input!)).toThrow(
      expect.objectContaining({ code: 'E_MISSING_ARCH' }),
    );
  });

  it('nested @nn.compact modules become nested trees named after their class', () => {
    const { module } = inferArchitecture(treeGolden('autoencoder').variables);
    const encoder = (module as ModuleTree).children.Encoder_0 as ModuleTree;
    expect(encoder.name).toBe('Encoder');
    expect(childSpecs(encoder)).toMatchObject({
      Dense_0: { type: 'Dense', features: 16 },
      LayerNorm_0: { type: 'LayerNorm' },
      Dense_1: { type: 'Dense', features: 4 },
    });
  });

  it('setup() attributes and list items keep their names; BatchNorm is read from batch_stats', () => {
    const { module } = inferArchitecture(treeGolden('resnet').variables);
    const tree = module as ModuleTree;
    expect(Object.keys(tree.children)).toEqual(['stem', 'blocks_0', 'blocks_1', 'head']);
    expect(childSpecs(tree.children.blocks_1)).toMatchObject({
      conv1: { type: 'Conv' },
      norm: { type: 'BatchNorm', use_running_average: true },
      conv2: { type: 'Conv' },
    });
  });

  it('a Sequential set in setup() nests; with gaps (its relu) it is a tree of its layers_<i>, refused only at the root', () => {
    const tree = inferArchitecture(treeGolden('setup_sequential').variables).module as ModuleTree;
    const seq = tree.children.seq as ModuleTree;
    expect(Object.keys(seq.children)).toEqual(['layers_0', 'layers_2', 'layers_3']);
    expect(Object.keys((inferArchitecture(treeGolden('compact_sequential').variables).module as ModuleTree).children)).toEqual([
      'Dense_0',
      'Dense_1',
      'Dense_2',
    ]);
  });

  it.each(treeCases())('%s: inferred, to the IR and back without a sample input, the same bytes', (name) => {
    const { variables, bytes } = treeGolden(name);
    const { module } = inferArchitecture(variables);
    const registry = createRegistry().use(linen);
    const ir = registry.toIR([module, variables], 'linen') as ModuleIR;
    expect(ir.kind).toBe('module');
    const [, back] = registry.fromIR(ir, 'linen') as [ModuleTree, Variables];
    expect(Buffer.from(writeVariables(back)).equals(Buffer.from(bytes))).toBe(true);
  });

  it('a BatchNorm without scale and bias (only in batch_stats) keeps its place among the children', () => {
    const t = (n: number) => Tensor.zeros([n], 'float32');
    const variables: Variables = {
      params: {
        Dense_0: { kernel: Tensor.zeros([3, 4], 'float32'), bias: t(4) },
        Dense_1: { kernel: Tensor.zeros([4, 2], 'float32'), bias: t(2) },
      },
      batch_stats: { BatchNorm_0: { mean: t(4), var: t(4) } },
    };
    const { module } = inferArchitecture(variables);
    expect(Object.keys((module as ModuleTree).children)).toEqual(['Dense_0', 'BatchNorm_0', 'Dense_1']);
    expect(moduleToSpec((module as ModuleTree).children.BatchNorm_0 as ModuleTree)).toMatchObject({
      type: 'BatchNorm',
      use_scale: false,
      use_bias: false,
    });
    const registry = createRegistry().use(linen);
    const [, back] = registry.fromIR(registry.toIR([module, variables], 'linen'), 'linen') as [ModuleTree, Variables];
    expect(Buffer.from(writeVariables(back)).equals(Buffer.from(writeVariables(variables)))).toBe(true);
    const statsFirst = inferArchitecture({ batch_stats: variables.batch_stats!, params: variables.params! }).module as ModuleTree;
    expect(Object.keys(statsFirst.children)).toEqual(['BatchNorm_0', 'Dense_0', 'Dense_1']);
  });

  it('refuses a module holding its own arrays beside submodules, naming it', () => {
    const variables: Variables = {
      params: { Block_0: { w: Tensor.zeros([2], 'float32'), Dense_0: { kernel: Tensor.zeros([2, 2], 'float32') } } },
    };
    expect(() => inferArchitecture(variables)).toThrow(expect.objectContaining({ code: 'E_MISSING_ARCH' }));
    expect(() => inferArchitecture(variables)).toThrow(/Block_0/);
  });
});
