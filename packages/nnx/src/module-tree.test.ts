import { Tensor, createRegistry, forwardFromSpec } from '@interop/core';
import type { ForwardStep, ModuleIR } from '@interop/core';
import { allclose } from '@interop/runtime';
import { loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { readState, writeState } from './files.js';
import { flatState, merge, split, state } from './graph.js';
import nnx from './index.js';
import { ModuleTree } from './module-tree.js';
import { BatchNorm } from './modules/batch-norm.js';
import { Dropout } from './modules/dropout.js';
import { Linear } from './modules/linear.js';
import { relu } from './modules/activation.js';
import { Rngs } from './rngs.js';
import { moduleFromSpec } from './spec.js';
import type { ModuleSpec } from './spec.js';
import { moduleToSpec } from './to-spec.js';

const paths = (m: ModuleTree) => flatState(state(m)).map(([p]) => p.join('/'));
const steps = (...s: unknown[]): ForwardStep[] => forwardFromSpec(s);

function tiny(): ModuleTree {
  const rngs = new Rngs(0);
  const block = (d: number) =>
    new ModuleTree('Block', { linear: new Linear(d, d, { rngs }), drop: new Dropout(0.1) }, steps('linear', { fn: 'relu' }, 'drop'));
  return new ModuleTree(
    'Net',
    {
      zeta: new Linear(3, 4, { rngs }),
      blocks: [block(4), block(4)],
      norm: new BatchNorm(4, { rngs }),
      alpha: new Linear(4, 2, { rngs }),
      drop: new Dropout(0.5),
    },
    steps('zeta', 'blocks', 'norm', 'drop', 'alpha'),
  );
}

describe('ModuleTree', () => {
  it("its state is NNX's: by attribute, lists as blocks/<i>, every level sorted, no Dropout state", () => {
    expect(paths(tiny())).toEqual([
      'alpha/bias',
      'alpha/kernel',
      'blocks/0/linear/bias',
      'blocks/0/linear/kernel',
      'blocks/1/linear/bias',
      'blocks/1/linear/kernel',
      'norm/bias',
      'norm/mean',
      'norm/scale',
      'norm/var',
      'zeta/bias',
      'zeta/kernel',
    ]);
  });

  it('keeps its children in declaration order, and eval() reaches the modules inside lists', () => {
    const net = tiny();
    expect(Object.keys(net.children)).toEqual(['zeta', 'blocks', 'norm', 'alpha', 'drop']);
    expect((net.children.norm as BatchNorm).useRunningAverage).not.toBe(true);
    net.eval();
    expect((net.children.norm as BatchNorm).useRunningAverage).toBe(true);
    expect((net.children.drop as Dropout).deterministic).toBe(true);
    const inner = (net.children.blocks as ModuleTree[])[1]!.children.drop as Dropout;
    expect(inner.deterministic).toBe(true);
    net.train();
    expect(inner.deterministic).toBe(false);
  });

  it('split/merge gives a separate tree with the same state', () => {
    const net = tiny();
    const [graphdef, s] = split(net);
    const copy = merge(graphdef, s!) as ModuleTree;
    expect(copy).toBeInstanceOf(ModuleTree);
    expect(Buffer.from(writeState(copy)).equals(Buffer.from(writeState(net)))).toBe(true);
    expect(((copy.children.blocks as ModuleTree[])[0]!.children.linear as Linear).kernel).not.toBe(
      ((net.children.blocks as ModuleTree[])[0]!.children.linear as Linear).kernel,
    );
  });

  it('refuses what a Python class could not hold, naming it', () => {
    const rngs = new Rngs(0);
    const lin = new Linear(2, 2, { rngs });
    expect(() => new ModuleTree('', { lin })).toThrow(expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }));
    expect(() => new ModuleTree('Net', { lin: 3 as never })).toThrow(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT', message: expect.stringContaining("'lin'") }),
    );
    expect(() => new ModuleTree('Net', { 'a/b': lin })).toThrow(expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }));
    expect(() => new ModuleTree('Net', { items: [lin, relu, (x: Tensor) => x] as never })).toThrow(
      expect.objectContaining({ message: expect.stringContaining("'items/2'") }),
    );
    expect(() => new ModuleTree('Net', { lin }, [{ call: 'linear' }])).toThrow(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT', message: expect.stringContaining("calls 'linear'") }),
    );
    expect(() => new ModuleTree('Net', { lin }, [{ residual: [{ call: 'lin' }, { call: 'nope' }] }])).toThrow(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT', path: 'forward/0/residual/1' }),
    );
    expect(() => new ModuleTree('Net', { lin }, [{ op: lin.toIR() }])).toThrow(
      expect.objectContaining({ message: expect.stringContaining("applies 'linear'") }),
    );
  });

  it('without a forward it holds and saves its state but cannot run (E_MISSING_ARCH)', () => {
    const tree = new ModuleTree('Net', { lin: new Linear(2, 2, { rngs: new Rngs(0) }) });
    expect(paths(tree)).toEqual(['lin/bias', 'lin/kernel']);
    expect(() => tree.call(Tensor.zeros([1, 2], 'float32'))).toThrow(expect.objectContaining({ code: 'E_MISSING_ARCH' }));
    expect(() => tree.toIR()).toThrow(expect.objectContaining({ code: 'E_UNSUPPORTED_STRUCTURE' }));
  });
});

describe('ModuleTree through the registry', () => {
  const registry = createRegistry().use(nnx);

  it.each(['cnn', 'autoencoder', 'resnet'])(
    '%s: toIR keeps names, lists and forward; fromIR builds a tree that saves the same file and computes the same',
    (name) => {
      const f = loadFixture('trees_nnx', name);
      const model = readState(moduleFromSpec(f.manifest.spec as ModuleSpec), f.file('checkpoint'));
      const ir = registry.toIR(model, 'nnx', { sampleInput: (f.arrays.input!.shape as number[]).slice(1) }) as ModuleIR;
      expect(ir.kind).toBe('module');
      expect(ir.children.map((c) => c.name)).toEqual(Object.keys((f.manifest.spec as ModuleSpec).children as object));
      const back = registry.fromIR(ir, 'nnx') as ModuleTree;
      expect(back).toBeInstanceOf(ModuleTree);
      expect(moduleToSpec(back)).toMatchObject(f.manifest.spec as ModuleSpec);
      expect(Buffer.from(writeState(back, { keys: 'int' })).equals(Buffer.from(f.file('checkpoint')))).toBe(true);
      back.eval();
      expect(allclose(back.call(f.arrays.input!), f.arrays.output!, f.manifest.tolerance!)).toBe(true);
    },
  );

  it('a stateless pool or flatten child from another framework becomes a forward step', () => {
    const rngs = new Rngs(0);
    const pool = {
      kind: 'pool',
      params: { op: 'max', windowShape: [2, 2], strides: [2, 2], padding: 'VALID', countIncludePad: true },
      tensors: {},
    };
    const ir = {
      kind: 'module',
      params: { name: 'Net' },
      tensors: {},
      children: [
        { name: 'pool', node: pool },
        { name: 'fc', node: registry.toIR(new Linear(4, 2, { rngs }), 'nnx') },
      ],
      forward: [{ call: 'pool' }, { op: { kind: 'flatten', params: {}, tensors: {} } }, { call: 'fc' }],
    } as unknown as ModuleIR;
    const tree = registry.fromIR(ir, 'nnx', { sampleInput: [4, 4, 1] }) as ModuleTree;
    expect(Object.keys(tree.children)).toEqual(['fc']);
    expect(moduleToSpec(tree).forward).toEqual([{ fn: 'max_pool', window_shape: [2, 2], strides: [2, 2] }, { fn: 'flatten' }, 'fc']);
  });
});
