import { describe, expect, it } from 'vitest';
import { moduleFromSpec } from './spec.js';
import type { ModuleSpec } from './spec.js';
import { moduleToSpec } from './to-spec.js';
import { ModuleTree } from './modules/module-tree.js';
import { AvgPool2d, MaxPool2d } from './modules/pool.js';
import { Flatten } from './modules/flatten.js';

const linear = (i: number, o: number) => ({ type: 'Linear', in_size: i, out_size: o });
const spec = (extra: Record<string, unknown> = {}): ModuleSpec => ({
  type: 'Module',
  name: 'MLP',
  children: {
    fc1: linear(4, 8),
    blocks: [linear(8, 8), { type: 'relu' }, linear(8, 8)],
    head: { type: 'Module', name: 'Head', children: { out: linear(8, 2) } },
  },
  forward: ['fc1', { fn: 'gelu', approximate: false }, 'blocks', { residual: ['blocks'], shortcut: [] }, 'head'],
  ...extra,
});

describe('Module specs', () => {
  it('build a ModuleTree of the children specs, lists as arrays, nested Modules as trees', () => {
    const tree = moduleFromSpec(spec()) as ModuleTree;
    expect(tree).toBeInstanceOf(ModuleTree);
    expect(tree.name).toBe('MLP');
    expect(Object.keys(tree.children)).toEqual(['fc1', 'blocks', 'head']);
    expect((tree.children.blocks as unknown[]).length).toBe(3);
    expect((tree.children.head as ModuleTree).forward).toBeUndefined();
    expect(moduleToSpec(tree)).toEqual(spec());
  });

  it('write pools and Flatten as Python calls them, defaults left out', () => {
    expect(moduleToSpec(new MaxPool2d(2))).toEqual({ type: 'MaxPool2d', kernel_size: 2 });
    expect(
      moduleToSpec(
        new MaxPool2d([2, 3], 1, [
          [1, 0],
          [0, 2],
        ]),
      ),
    ).toEqual({
      type: 'MaxPool2d',
      kernel_size: [2, 3],
      stride: 1,
      padding: [
        [1, 0],
        [0, 2],
      ],
    });
    expect(moduleToSpec(new AvgPool2d(3, 2, 'SAME', { inSize: [5, 5, 2] }))).toEqual({
      type: 'AvgPool2d',
      kernel_size: 3,
      stride: 2,
      padding: 'SAME',
      in_size: [5, 5, 2],
    });
    expect(moduleToSpec(new AvgPool2d(3, 1, 1))).toEqual({ type: 'AvgPool2d', kernel_size: 3, padding: 1 });
    expect(moduleToSpec(new Flatten(1))).toEqual({ type: 'Flatten', start_axis: 1 });
    expect(moduleToSpec(new Flatten({ inSize: [3, 3, 16] }))).toEqual({ type: 'Flatten', in_size: [3, 3, 16] });
    for (const s of [
      {
        type: 'MaxPool2d',
        kernel_size: [2, 3],
        stride: 1,
        padding: [
          [1, 0],
          [0, 2],
        ],
      },
      { type: 'Flatten', start_axis: -3, end_axis: -1 },
    ]) {
      expect(moduleToSpec(moduleFromSpec(s))).toEqual(s.type === 'Flatten' ? { type: 'Flatten', start_axis: -3 } : s);
    }
  });

  it('refuse a malformed Module spec with E_INVALID_SPEC, naming where', () => {
    const code = (s: unknown) => {
      try {
        moduleFromSpec(s as ModuleSpec);
      } catch (e) {
        return e as { code: string; message: string; details: { path?: string } };
      }
      throw new Error('no error');
    };
    expect(code({ type: 'Module', children: {} })).toMatchObject({ code: 'E_INVALID_SPEC', message: expect.stringContaining('"name"') });
    expect(code({ type: 'Module', name: 'M', children: [] })).toMatchObject({
      code: 'E_INVALID_SPEC',
      message: expect.stringContaining('"children"'),
    });
    expect(code(spec({ layers: [] }))).toMatchObject({ code: 'E_INVALID_SPEC', message: expect.stringContaining('"layers"') });
    expect(code(spec({ forward: ['fc1', 'fc2'] }))).toMatchObject({ code: 'E_INVALID_SPEC', details: { path: 'forward/1' } });
    expect(code(spec({ forward: [{ fn: 'swirl' }] }))).toMatchObject({ code: 'E_INVALID_SPEC', details: { path: 'forward/0' } });
    expect(code({ ...spec(), children: { head: { type: 'Module', name: 'Head', children: { out: { type: 'Dense' } } } } })).toMatchObject({
      code: 'E_INVALID_SPEC',
      details: { path: 'head/out' },
      message: expect.stringContaining("'Dense'"),
    });
    expect(code({ ...spec(), children: { blocks: [linear(8, 8), { type: 'Linear' }] } })).toMatchObject({
      code: 'E_INVALID_ARGUMENT',
      details: { path: 'blocks/1' },
    });
  });

  it('list Module among the valid types of an unknown one', () => {
    expect(() => moduleFromSpec({ type: 'CNN' })).toThrow(
      expect.objectContaining({
        details: expect.objectContaining({ fix: expect.stringMatching(/Module, Sequential, AvgPool1d, .*Flatten.*MaxPool2d/) }),
      }),
    );
  });
});
