import { describe, expect, it } from 'vitest';
import { ModuleTree } from './module-tree.js';
import { moduleFromSpec } from './spec.js';
import type { ModuleSpec } from './spec.js';
import { moduleToSpec } from './to-spec.js';

const lin = (i: number, o: number) => ({ type: 'Linear', in_features: i, out_features: o });
const mlp: ModuleSpec = {
  type: 'Module',
  name: 'MLP',
  children: {
    enc: { type: 'Module', name: 'Enc', children: { fc: lin(3, 4) }, forward: ['fc', { fn: 'gelu', approximate: false }] },
    layers: [lin(4, 4), lin(4, 2)],
  },
  forward: ['enc', { residual: ['layers'], shortcut: [] }, { fn: 'log_softmax' }],
};
const refused = (spec: unknown) => {
  try {
    moduleFromSpec(spec as ModuleSpec);
  } catch (e) {
    return e as { code: string; message: string; path?: string };
  }
  throw new Error('not refused');
};

describe('Module specs', () => {
  it('build a ModuleTree: nested modules, lists as arrays, the forward in the core dialect; and write it back', () => {
    const tree = moduleFromSpec(mlp) as ModuleTree;
    expect(tree).toBeInstanceOf(ModuleTree);
    expect(tree.type).toBe('MLP');
    expect(Array.isArray(tree.children.layers)).toBe(true);
    expect(tree.forward![1]).toEqual({ residual: [{ call: 'layers' }], shortcut: [] });
    const spec = moduleToSpec(tree);
    expect(spec).toMatchObject(mlp);
    expect(Object.keys(spec.children as object)).toEqual(['enc', 'layers']);
  });

  it('a Module without forward round-trips without one', () => {
    const spec = moduleToSpec(moduleFromSpec({ type: 'Module', name: 'Bag', children: { a: lin(2, 2) } }));
    expect(spec).not.toHaveProperty('forward');
    expect(spec.name).toBe('Bag');
  });

  it('unknown types are refused with the valid ones listed', () => {
    const e = refused({ type: 'Module', children: { fc: { type: 'Dense', features: 3 } } });
    expect(e.code).toBe('E_INVALID_SPEC');
    expect(e.message).toMatch(/unknown NNX module type 'Dense'/);
    expect(e.message).toMatch(/Linear, .*Module/);
    expect(e.path).toBe('fc');
  });

  it.each([
    [{ type: 'Module', name: 'M' }, /needs "children"/, undefined],
    [{ type: 'Module', name: 3, children: {} }, /class name/, undefined],
    [{ type: 'Module', children: { a: 3 } }, /child 'a' must be a spec object/, undefined],
    [{ type: 'Module', children: { a: [lin(2, 2), 'relu'] } }, /child 'a\/1' must be a spec object/, undefined],
    [{ type: 'Module', children: { a: lin(2, 2) }, forward: ['a', { fn: 'avg_pool' }] }, /window_shape/, 'forward/1'],
    [{ type: 'Module', children: { a: lin(2, 2) }, forward: ['b'] }, /calls 'b', which is not a child/, undefined],
    [{ type: 'Module', children: { a: { type: 'Linear', in_features: 2 } } }, /needs out_features/, 'a'],
    [{ type: 'Module', children: { a: [lin(2, 2), { type: 'Linear', in_features: '2', out_features: 2 }] } }, /must be a number/, 'a/1'],
    [{ type: 'Module', children: {}, extra: 1 }, /argument 'extra'/, undefined],
  ])('refuses %j with E_INVALID_SPEC', (spec, message, path) => {
    const e = refused(spec);
    expect(e.code).toBe('E_INVALID_SPEC');
    expect(e.message).toMatch(message);
    if (path !== undefined) expect(e.path).toBe(path);
  });
});
