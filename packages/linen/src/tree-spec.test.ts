import { Tensor, forwardFromSpec } from '@interop/core';
import { key } from '@interop/runtime';
import { describe, expect, it } from 'vitest';
import { relu } from './modules/activation.js';
import { Dense } from './modules/dense.js';
import { ModuleTree } from './modules/module-tree.js';
import { moduleFromSpec } from './spec.js';
import type { ModuleSpec } from './spec.js';
import { moduleToSpec } from './to-spec.js';

const mlp: ModuleSpec = {
  type: 'Module',
  name: 'MLP',
  children: {
    layers: [{ type: 'Dense', features: 4 }, { type: 'relu' }, { type: 'Dense', features: 2 }],
    head: { type: 'Dense', features: 3 },
  },
  forward: ['layers', { fn: 'log_softmax' }, 'head'],
};

function thrown(f: () => unknown): { code?: string; message?: string; details?: Record<string, unknown> } {
  try {
    f();
  } catch (e) {
    return e as never;
  }
  throw new Error('did not throw');
}

describe('Module specs', () => {
  it('a list child stores its items as name_<i>, counting functions, like a setup() list attribute', () => {
    const tree = moduleFromSpec(mlp) as ModuleTree;
    expect(tree.named().map(([n, m]) => [n, m.type])).toEqual([
      ['layers_0', 'Dense'],
      ['layers_1', 'Activation'],
      ['layers_2', 'Dense'],
      ['head', 'Dense'],
    ]);
    const variables = tree.init(key(0), Tensor.zeros([1, 5], 'float32'));
    expect(Object.keys(variables.params!)).toEqual(['layers_0', 'layers_2', 'head']);
    expect(tree.apply(variables, Tensor.zeros([2, 5], 'float32')).shape).toEqual([2, 3]);
  });

  it('writes the forward in the core dialect and children in declaration order', () => {
    const spec = moduleToSpec(moduleFromSpec(mlp));
    expect(Object.keys(spec.children as object)).toEqual(['layers', 'head']);
    expect(spec.forward).toEqual(['layers', { fn: 'log_softmax' }, 'head']);
    expect(spec).not.toHaveProperty('forward', undefined);
    expect(
      moduleToSpec(moduleFromSpec({ type: 'Module', name: 'Bare', children: { d: { type: 'Dense', features: 1 } } })),
    ).not.toHaveProperty('forward');
  });

  it('an unknown type lists the known ones, Module included', () => {
    const err = thrown(() => moduleFromSpec({ type: 'Modul' }));
    expect(err.code).toBe('E_INVALID_SPEC');
    expect(err.details?.expected).toMatch(/BatchNorm, Conv, .*Module, .*Sequential/);
  });

  it('a bad child is refused at its path', () => {
    const err = thrown(() =>
      moduleFromSpec({ type: 'Module', name: 'M', children: { enc: { type: 'Module', name: 'E', children: { d: { type: 'Dense' } } } } }),
    );
    expect(err.code).toBe('E_INVALID_SPEC');
    expect(err.message).toMatch(/Dense needs features/);
    expect(err.details?.path).toBe('children/enc/children/d');
    expect(thrown(() => moduleFromSpec({ type: 'Module', name: 'M', children: { d: 3 } })).details?.path).toBe('children/d');
    expect(thrown(() => moduleFromSpec({ type: 'Module', name: 'M', children: [] })).message).toMatch(/needs `children`/);
  });

  it('a forward step calling no child, an unknown function or an extra key is E_INVALID_SPEC', () => {
    const calls = thrown(() => moduleFromSpec({ ...mlp, forward: ['layers', 'tail'] }));
    expect(calls.code).toBe('E_INVALID_SPEC');
    expect(calls.message).toMatch(/calls `tail`, which is not a child/);
    expect(calls.details?.expected).toBe('layers, head');
    expect(thrown(() => moduleFromSpec({ ...mlp, forward: [{ fn: 'mish' }] })).code).toBe('E_INVALID_SPEC');
    expect(thrown(() => moduleFromSpec({ ...mlp, features: 3 })).message).toMatch(/key 'features' is not supported/);
  });
});

describe('ModuleTree', () => {
  it('refuses children whose variable names clash, and non-modules', () => {
    expect(thrown(() => new ModuleTree('M', { blocks: [new Dense(2)], blocks_0: new Dense(2) })).message).toMatch(
      /two children whose variables are named `blocks_0`/,
    );
    expect(thrown(() => new ModuleTree('M', { d: 3 as never })).code).toBe('E_INVALID_ARGUMENT');
  });

  it('without a forward it cannot run or init, and says so', () => {
    const tree = new ModuleTree('M', { d: new Dense(2) });
    expect(thrown(() => tree.apply({}, Tensor.zeros([1, 2], 'float32'))).code).toBe('E_MISSING_ARCH');
    expect(thrown(() => tree.init(key(0), Tensor.zeros([1, 2], 'float32'))).message).toMatch(/no forward program, so it cannot init/);
  });

  it('a child called twice is created once, at its first call', () => {
    const tree = new ModuleTree('Twice', { b: new Dense(3), a: new Dense(3) }, forwardFromSpec(['a', 'b', { fn: 'relu' }, 'a']));
    expect(tree.creationOrder()).toEqual(['a', 'b']);
    const variables = tree.init(key(0), Tensor.zeros([1, 3], 'float32'));
    expect(Object.keys(variables.params!)).toEqual(['a', 'b']);
  });

  it('keeps the output dtype of the last child', () => {
    const tree = new ModuleTree(
      'Half',
      { d: new Dense(2, { paramDtype: 'bfloat16' }), act: relu },
      forwardFromSpec(['d', 'act', { fn: 'tanh' }]),
    );
    const x = Tensor.zeros([1, 3], 'bfloat16');
    expect(tree.apply(tree.init(key(0), x), x).dtype).toBe('bfloat16');
  });
});
