import { Tensor, forwardFromSpec } from '@interop/core';
import { allclose } from '@interop/runtime';
import { describe, expect, it } from 'vitest';
import { goldenTree } from '../__fixtures__/trees.js';
import { msgpackLoad, msgpackSave } from '../files.js';
import { states } from '../graph.js';
import { seed } from '../random.js';
import { Flatten } from './flatten.js';
import { LayerNorm } from './layer-norm.js';
import { Linear } from './linear.js';
import { ModuleTree } from './module-tree.js';
import { AvgPool2d } from './pool.js';
import { ReLU } from './activation.js';
import { Conv2d } from './conv.js';

function mlp(): ModuleTree {
  seed(0);
  const block = () =>
    new ModuleTree('Block', { fc: new Linear(4, 4), norm: new LayerNorm(4) }, forwardFromSpec(['fc', 'norm', { fn: 'relu' }]));
  return new ModuleTree(
    'Net',
    { zeta: new Linear(3, 4), blocks: [block(), new ReLU(), block()], Alpha: new Linear(4, 2) },
    forwardFromSpec(['zeta', 'blocks', 'Alpha']),
  );
}

describe('ModuleTree', () => {
  it('states by attribute path, sorted as BrainState sorts them; list items by index, stateless ones included in the count', () => {
    expect([...states(mlp()).keys()]).toEqual([
      'Alpha/weight',
      'blocks/0/fc/weight',
      'blocks/0/norm/weight',
      'blocks/2/fc/weight',
      'blocks/2/norm/weight',
      'zeta/weight',
    ]);
  });

  it('keeps its children in declaration order', () => {
    const tree = mlp();
    expect(Object.keys(tree.children)).toEqual(['zeta', 'blocks', 'Alpha']);
    expect(tree.toIR([3]).children.map((c) => c.name)).toEqual(['zeta', 'blocks', 'Alpha']);
  });

  it('runs its forward: children by their own call, lists in order, function steps with the runtime', () => {
    const tree = mlp();
    const x = Tensor.fromArray([0.5, -1, 2, 1, 0, -0.5], [2, 3], 'float32');
    const blocks = tree.children.blocks as ReadonlyArray<ModuleTree | ReLU>;
    const relu = (t: Tensor) => new ReLU().call(t);
    const byHand = (tree.children.Alpha as Linear).call(
      [blocks[0]!, blocks[1]!, blocks[2]!].reduce(
        (h, b) => (b instanceof ModuleTree ? relu((b.children.norm as LayerNorm).call((b.children.fc as Linear).call(h))) : b.call(h)),
        (tree.children.zeta as Linear).call(x),
      ),
    );
    expect(allclose(tree.call(x), byHand, { rtol: 1e-6, atol: 1e-7 })).toBe(true);
  });

  it('its outputShape and IR flow shapes through the forward program', () => {
    seed(1);
    const cnn = new ModuleTree(
      'CNN',
      { conv: new Conv2d([8, 8, 1], 4, 3), pool: new AvgPool2d(2, 2), flatten: new Flatten(1), fc: new Linear(64, 3) },
      forwardFromSpec(['conv', { fn: 'relu' }, 'pool', 'flatten', 'fc']),
    );
    expect(cnn.outputShape([8, 8, 1])).toEqual([3]);
    const ir = cnn.toIR([8, 8, 1]);
    expect(ir.children.map((c) => ('node' in c ? c.node.kind : 'list'))).toEqual(['conv', 'pool', 'flatten', 'linear']);
    expect(cnn.call(Tensor.zeros([2, 8, 8, 1], 'float32')).shape).toEqual([2, 3]);
  });

  it('loads and saves like a Python class (the golden CNN)', () => {
    const { module, bytes, spec } = goldenTree('cnn');
    seed(5);
    const fresh = new ModuleTree(
      'CNN',
      Object.fromEntries(Object.entries((module as ModuleTree).children)),
      (module as ModuleTree).forward,
    );
    expect(Buffer.from(msgpackSave(msgpackLoad(fresh, bytes))).equals(Buffer.from(bytes))).toBe(true);
    expect(spec.name).toBe('CNN');
  });

  it('refuses what Python could not declare, naming the child', () => {
    const fc = new Linear(3, 4);
    expect(() => new ModuleTree('', { fc })).toThrow(expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }));
    expect(() => new ModuleTree('Net', { '0': fc })).toThrow(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT', message: expect.stringContaining("'0'") }),
    );
    expect(() => new ModuleTree('Net', { 'a/b': fc })).toThrow(expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }));
    expect(() => new ModuleTree('Net', { fc: {} as never })).toThrow(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT', details: expect.objectContaining({ path: 'fc' }) }),
    );
    expect(() => new ModuleTree('Net', { fcs: [fc, 3 as never] })).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ path: 'fcs/1' }) }),
    );
    const unknown = () => new ModuleTree('Net', { fc }, forwardFromSpec(['fc', { residual: ['head'] }]));
    expect(unknown).toThrow(
      expect.objectContaining({
        code: 'E_INVALID_ARGUMENT',
        details: expect.objectContaining({ path: 'forward/1/residual/0', expected: 'fc' }),
      }),
    );
    expect(() => new ModuleTree('Net', { fc }, [{ op: fc.toIR() }])).toThrow(expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }));
  });

  it('cannot run without a forward program, and says so', () => {
    const tree = new ModuleTree('Net', { fc: new Linear(3, 4) });
    expect(() => tree.call(Tensor.zeros([1, 3], 'float32'))).toThrow(
      expect.objectContaining({ code: 'E_MISSING_ARCH', message: expect.stringContaining('Net') }),
    );
  });

  it('locates an error in a list item at its path', () => {
    const tree = new ModuleTree('Net', { layers: [new Linear(3, 4), new Linear(5, 2)] }, forwardFromSpec(['layers']));
    expect(() => tree.call(Tensor.zeros([1, 3], 'float32'))).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ path: 'layers/1' }) }),
    );
  });
});
