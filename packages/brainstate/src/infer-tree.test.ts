import { Tensor, createRegistry } from '@interop/core';
import type { ModuleIR } from '@interop/core';
import { loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { msgpackSave } from './files.js';
import type { StateTree } from './graph.js';
import brainstate from './index.js';
import { inferArchitecture } from './infer.js';
import { Linear } from './modules/linear.js';
import { LayerNorm } from './modules/layer-norm.js';
import { ModuleTree } from './modules/module-tree.js';
import { Sequential } from './modules/sequential.js';
import { seed } from './random.js';
import type { ModuleSpec } from './spec.js';
import { moduleToSpec } from './to-spec.js';

/** A Module spec as a file shows it: children sorted, no forward, class names from the attributes. */
function asStored(spec: ModuleSpec, name: string): ModuleSpec {
  const children = spec.children as Record<string, ModuleSpec>;
  const sorted = Object.keys(children).sort();
  return {
    type: 'Module',
    name,
    children: Object.fromEntries(
      sorted.map((k) => [k, children[k]!.type === 'Module' ? asStored(children[k]!, k[0]!.toUpperCase() + k.slice(1)) : children[k]!]),
    ),
  };
}

describe('trees inferred from a braintools msgpack file', () => {
  it('the encoder/decoder MLP: a tree of the layers the states show, no forward, the file rewritten identically', () => {
    const f = loadFixture('trees_brainstate', 'autoencoder');
    const bytes = f.file('checkpoint');
    const { module, assumed } = inferArchitecture(bytes);
    expect(module).toBeInstanceOf(ModuleTree);
    expect((module as ModuleTree).forward).toBeUndefined();
    expect(moduleToSpec(module)).toEqual(asStored(f.manifest.spec as ModuleSpec, 'Model'));
    expect(Buffer.from(msgpackSave(module)).equals(Buffer.from(bytes))).toBe(true);
    expect(assumed).toContain(
      "encoder: a module Encoder of fc1, fc2, norm, in the file's sorted order; its declaration order and forward are not stored, so it converts layer by layer",
    );
    expect(assumed.at(-1)).toMatch(/^\(root\): a module Model of decoder, encoder/);
    expect(assumed.some((l) => l.startsWith('encoder/norm: LayerNorm'))).toBe(true);
    expect(() => module.call(f.arrays.input!)).toThrow(expect.objectContaining({ code: 'E_MISSING_ARCH' }));
  });

  it('an inferred tree converts layer by layer', () => {
    const { module } = inferArchitecture(loadFixture('trees_brainstate', 'autoencoder').file('checkpoint'));
    const registry = createRegistry().use(brainstate);
    const ir = registry.toIR(module, 'brainstate') as ModuleIR;
    expect(ir.forward).toBeUndefined();
    expect(ir.children.map((c) => c.name)).toEqual(['decoder', 'encoder']);
    const back = registry.fromIR(ir, 'brainstate') as ModuleTree;
    expect(Buffer.from(msgpackSave(back)).equals(Buffer.from(msgpackSave(module)))).toBe(true);
  });

  it('lists of modules: contiguous integer keys, kept as a list', () => {
    seed(3);
    const block = () => new ModuleTree('Block', { fc: new Linear(4, 4), norm: new LayerNorm(4) });
    const net = new ModuleTree('Net', { stem: new Linear(3, 4), blocks: [block(), block(), block()] });
    const bytes = msgpackSave(net);
    const { module } = inferArchitecture(bytes);
    const blocks = (module as ModuleTree).children.blocks as ModuleTree[];
    expect(blocks.map((b) => b.name)).toEqual(['Blocks', 'Blocks', 'Blocks']);
    expect(Buffer.from(msgpackSave(module)).equals(Buffer.from(bytes))).toBe(true);
    const seq = inferArchitecture(msgpackSave(new ModuleTree('Net', { head: new Sequential(new Linear(3, 4), new Linear(4, 2)) })));
    expect(((seq.module as ModuleTree).children.head as Sequential).layers.length).toBe(2);
  });

  it('refuses what the states cannot tell, naming the module', () => {
    expect(() => inferArchitecture(loadFixture('trees_brainstate', 'cnn').file('checkpoint'), { inputShape: [12, 12, 1] })).toThrow(
      expect.objectContaining({ code: 'E_MISSING_ARCH', message: expect.stringMatching(/conv1 .*in_size/) }),
    );
    expect(() => inferArchitecture(loadFixture('trees_brainstate', 'resnet').file('checkpoint'))).toThrow(
      expect.objectContaining({ code: 'E_MISSING_ARCH', message: expect.stringContaining('blocks/0/conv1') }),
    );
    const k = { weight: { weight: Tensor.zeros([2, 2], 'float32') } };
    expect(() => inferArchitecture({ net: { blocks: { 0: k, 2: k }, head: k } } as unknown as StateTree)).toThrow(
      expect.objectContaining({
        code: 'E_MISSING_ARCH',
        message: expect.stringContaining('net/blocks from its states: list items 1 hold no states'),
      }),
    );
    expect(() => inferArchitecture({ fc: k, odd: { weights: Tensor.zeros([2], 'float32') } } as unknown as StateTree)).toThrow(
      expect.objectContaining({ code: 'E_MISSING_ARCH', message: expect.stringContaining('odd') }),
    );
    expect(() => inferArchitecture({ weight: { weight: Tensor.zeros([2, 2, 2, 2, 2, 2], 'float32') } } as unknown as StateTree)).toThrow(
      expect.objectContaining({ code: 'E_MISSING_ARCH' }),
    );
  });
});
