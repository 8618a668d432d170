import { forwardFromSpec, Tensor } from '@interop/core';
import { key } from '@interop/runtime';
import { describe, expect, it } from 'vitest';
import { State } from '../state.js';
import { treeDeserialiseLeaves, treeLeaves, treeSerialiseLeaves } from '../tree.js';
import { vmapCall } from '../vmap.js';
import { BatchNorm } from './batch-norm.js';
import { Lambda } from './lambda.js';
import { Linear } from './linear.js';
import { ModuleTree } from './module-tree.js';
import { MaxPool1d } from './pool.js';

const lin = (i: number, o: number, seed: number) => new Linear(i, o, { key: key(seed) });
const x3 = Tensor.fromArray([0.5, -1, 2], [3], 'float32');

describe('ModuleTree (a user-written eqx.Module)', () => {
  it('saves leaves in field order, list items in order, nested trees inside their field', () => {
    const inner = new ModuleTree('Inner', { b: lin(4, 4, 2) }, forwardFromSpec(['b']));
    const tree = new ModuleTree('Net', { z: lin(3, 4, 1), layers: [new Lambda('relu'), inner, new MaxPool1d(2)], a: lin(4, 2, 3) });
    expect(treeLeaves(tree).map((l) => l.path)).toEqual([
      '.z.weight',
      '.z.bias',
      '.layers[1].b.weight',
      '.layers[1].b.bias',
      '.layers[2].init',
      '.a.weight',
      '.a.bias',
    ]);
    const back = treeDeserialiseLeaves(
      treeSerialiseLeaves(tree),
      new ModuleTree('Net', {
        z: lin(3, 4, 9),
        layers: [new Lambda('relu'), new ModuleTree('Inner', { b: lin(4, 4, 8) }, forwardFromSpec(['b'])), new MaxPool1d(2)],
        a: lin(4, 2, 7),
      }),
    );
    expect(Buffer.from(treeSerialiseLeaves(back)).equals(Buffer.from(treeSerialiseLeaves(tree)))).toBe(true);
    expect(back).toBeInstanceOf(ModuleTree);
    expect(Object.keys(back.children)).toEqual(['z', 'layers', 'a']);
  });

  it('runs its forward per example and vmapped alike: children, ops, residual adds', () => {
    const tree = new ModuleTree(
      'Res',
      { fc1: lin(3, 3, 1), fc2: lin(3, 3, 2) },
      forwardFromSpec([{ residual: ['fc1', { fn: 'tanh' }, 'fc2'] }, { fn: 'relu' }]),
    );
    const y = tree.call(x3);
    const [fc1, fc2] = [tree.children.fc1 as Linear, tree.children.fc2 as Linear];
    const h = fc2.call(new Lambda('tanh').call(fc1.call(x3))).toFloat64();
    expect(Array.from(y.toFloat64())).toEqual(Array.from(x3.toFloat64(), (v, i) => Math.max(0, Math.fround(v + h[i]!))));
    const batch = Tensor.fromArray([0.5, -1, 2, 1, 1, 1], [2, 3], 'float32');
    expect(Array.from((vmapCall(tree, batch) as Tensor).toFloat64()).slice(0, 3)).toEqual(Array.from(y.toFloat64()));
  });

  it('threads the State through stateful children and returns it, as model(x, state) does', () => {
    const bn = new BatchNorm(3, 'batch', { inference: true });
    const tree = new ModuleTree('Net', { bn, fc: lin(3, 2, 1) }, forwardFromSpec(['bn', 'fc']));
    const state = new State(tree);
    expect(tree.isStateful()).toBe(true);
    const [y, s] = tree.call(x3, state);
    expect(y.shape).toEqual([2]);
    expect(s).toBeInstanceOf(State);
    expect(() => tree.call(x3)).toThrow(expect.objectContaining({ code: 'E_INVALID_ARGUMENT', message: expect.stringContaining('State') }));
  });

  it('refuses what an eqx.Module cannot be, and a forward that calls an unknown child', () => {
    expect(() => new ModuleTree('Net', { 'layers/0': lin(3, 3, 1) })).toThrow(expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }));
    expect(() => new ModuleTree('Net', { fc: (() => 1) as never })).toThrow(expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }));
    expect(() => new ModuleTree('Net', { fc: lin(3, 3, 1) }, forwardFromSpec(['fc2']))).toThrow(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT', message: expect.stringContaining('fc2') }),
    );
  });

  it('without a forward it holds and saves its children but cannot run (E_MISSING_ARCH)', () => {
    const tree = new ModuleTree('Net', { fc: lin(3, 3, 1) });
    expect(treeLeaves(tree)).toHaveLength(2);
    expect(() => tree.call(x3)).toThrow(expect.objectContaining({ code: 'E_MISSING_ARCH' }));
  });

  it('refuses a residual whose two sides differ in shape', () => {
    const tree = new ModuleTree('Net', { fc: lin(3, 2, 1) }, forwardFromSpec([{ residual: ['fc'] }]));
    expect(() => tree.call(x3)).toThrow(expect.objectContaining({ code: 'E_SHAPE_MISMATCH' }));
  });
});
