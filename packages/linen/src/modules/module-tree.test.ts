import { createHash } from 'node:crypto';
import { createRegistry } from '@interop/core';
import type { ModuleIR } from '@interop/core';
import { allclose, key } from '@interop/runtime';
import { describe, expect, it } from 'vitest';
import linen from '../index.js';
import { treeCases, treeGolden } from '../__fixtures__/tree-golden.js';
import { moduleFromSpec } from '../spec.js';
import { moduleToSpec } from '../to-spec.js';
import { writeVariables } from '../variables.js';
import type { Variables } from '../variables.js';
import type { AnyModule } from '../module.js';
import { ModuleTree } from './module-tree.js';

const cases = treeCases();
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe('module trees against flax.linen (trees_linen)', () => {
  it('has the cases', () =>
    expect(cases).toEqual([
      'autoencoder',
      'call_order',
      'cnn',
      'compact_sequential',
      'live_cnn_eqx',
      'live_cnn_flax',
      'live_res',
      'norm_first',
      'resnet',
      'setup_sequential',
    ]));

  it.each(cases)('%s: the model from its spec computes what Flax computed', (name) => {
    const { module, variables, fixture } = treeGolden(name);
    const { input, output } = fixture.arrays;
    const y = module.apply(variables, input!);
    expect(y.shape).toEqual(output!.shape);
    expect(y.dtype).toBe(output!.dtype);
    expect(allclose(y, output!, fixture.manifest.tolerance!)).toBe(true);
  });

  it.each(cases)('%s: the variables write back byte-identical', (name) => {
    const { bytes, variables } = treeGolden(name);
    expect(same(writeVariables(variables), bytes)).toBe(true);
  });

  it.each(cases)('%s: init(key(0), x) writes the bytes flax.serialization.to_bytes(model.init(...)) wrote', (name) => {
    const { module, manifest, fixture } = treeGolden(name);
    const made = (module as AnyModule).init(key(0), fixture.arrays.input!);
    expect(createHash('sha256').update(writeVariables(made)).digest('hex')).toBe(manifest.init_sha256);
  });

  it.each(cases)('%s: the spec round trip builds the same model', (name) => {
    const { module } = treeGolden(name);
    const written = moduleToSpec(module);
    expect(written).toMatchObject({ type: 'Module', name: treeGolden(name).manifest.model });
    expect(moduleFromSpec(written)).toEqual(module);
    expect(moduleToSpec(moduleFromSpec(written))).toEqual(written);
  });

  it.each(cases)('%s: to the IR and back, the same file bytes and output', (name) => {
    const { module, variables, bytes, fixture } = treeGolden(name);
    const input = fixture.arrays.input!;
    const registry = createRegistry().use(linen);
    const ir = registry.toIR([module, variables], 'linen', { sampleInput: input.shape.slice(1) }) as ModuleIR;
    expect(ir.kind).toBe('module');
    expect(ir.params.name).toBe(fixture.manifest.model);
    const [back, vars] = registry.fromIR(ir, 'linen') as [ModuleTree, Variables];
    expect(back).toBeInstanceOf(ModuleTree);
    expect(same(writeVariables(vars), bytes)).toBe(true);
    expect(allclose(back.apply(vars, input), fixture.arrays.output!, fixture.manifest.tolerance!)).toBe(true);
  });
});

describe('what the IR of a tree holds', () => {
  it('the CNN: four layers in declaration order, the forward with pools and a flatten', () => {
    const { module, variables } = treeGolden('cnn');
    const ir = createRegistry()
      .use(linen)
      .toIR([module, variables], 'linen', { sampleInput: [8, 8, 1] }) as ModuleIR;
    expect(ir.children.map((c) => [c.name, 'node' in c ? c.node.kind : 'list'])).toEqual([
      ['Conv_0', 'conv'],
      ['Conv_1', 'conv'],
      ['Dense_0', 'linear'],
      ['Dense_1', 'linear'],
    ]);
    expect(ir.forward!.map((s) => ('call' in s ? s.call : 'op' in s ? s.op.kind : 'residual'))).toEqual([
      'Conv_0',
      'activation',
      'pool',
      'Conv_1',
      'activation',
      'pool',
      'flatten',
      'Dense_0',
      'activation',
      'Dense_1',
    ]);
    const dense0 = ir.children[2]!;
    expect('node' in dense0 && dense0.node.inputShape).toEqual([256]);
  });

  it('the ResNet: a list child of two nested modules, each with a residual forward', () => {
    const { module, variables } = treeGolden('resnet');
    const ir = createRegistry()
      .use(linen)
      .toIR([module, variables], 'linen', { sampleInput: [6, 6, 3] }) as ModuleIR;
    const blocks = ir.children[1]!;
    expect(blocks.name).toBe('blocks');
    expect('items' in blocks && blocks.items.map((b) => [b.kind, (b as ModuleIR).params.name])).toEqual([
      ['module', 'ResidualBlock'],
      ['module', 'ResidualBlock'],
    ]);
    const block = (blocks as unknown as { items: ModuleIR[] }).items[1]!;
    expect(block.origin?.path).toBe('blocks/1');
    expect(block.children.map((c) => c.name)).toEqual(['conv1', 'norm', 'conv2']);
    expect(block.forward).toHaveLength(1);
    expect('residual' in block.forward![0]!).toBe(true);
  });
});
