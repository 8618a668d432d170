import { describe, expect, it } from 'vitest';
import { Lambda } from './modules/lambda.js';
import { Linear } from './modules/linear.js';
import { ModuleTree } from './modules/module-tree.js';
import { MaxPool2d } from './modules/pool.js';
import { modelWithStateFromSpec, moduleFromSpec } from './spec.js';
import type { ModuleSpec } from './spec.js';
import { moduleToSpec } from './to-spec.js';

const lin = (i: number, o: number) => ({ type: 'Linear', in_features: i, out_features: o });

describe('Module specs', () => {
  it('builds children in field order, a list for a list, nested Modules, and the forward', () => {
    const spec: ModuleSpec = {
      type: 'Module',
      name: 'Net',
      children: {
        fc: lin(3, 4),
        layers: [{ type: 'Lambda', fn: 'relu' }, lin(4, 4)],
        head: { type: 'Module', name: 'Head', children: { out: lin(4, 2) }, forward: ['out'] },
      },
      forward: ['fc', 'layers', 'head'],
    };
    const tree = moduleFromSpec(spec) as ModuleTree;
    expect(tree.name).toBe('Net');
    expect(Object.keys(tree.children)).toEqual(['fc', 'layers', 'head']);
    expect((tree.children.layers as unknown[]).map((m) => m?.constructor)).toEqual([Lambda, Linear]);
    expect(tree.children.head).toBeInstanceOf(ModuleTree);
    expect(moduleToSpec(tree)).toEqual(spec);
  });

  it("seeds the k-th child (list items one by one) with seed + k + 1, as trees_equinox's build_tree does", () => {
    const tree = moduleFromSpec(
      { type: 'Module', name: 'Net', children: { a: lin(3, 3), b: [lin(3, 3), lin(3, 3)] } },
      { seed: 10 },
    ) as ModuleTree;
    const first = moduleFromSpec(lin(3, 3), { seed: 13 }) as Linear;
    expect((tree.children.b as Linear[])[1]!.weight.equals(first.weight)).toBe(true);
  });

  it('gives a tree with a BatchNorm its State', () => {
    const [, state] = modelWithStateFromSpec({
      type: 'Module',
      name: 'Net',
      children: { bn: { type: 'BatchNorm', input_size: 3, axis_name: 'batch', inference: true } },
      forward: ['bn'],
    });
    expect(state?.size).toBe(2);
  });

  it('reads and writes pools and the Lambda functions of the tutorial', () => {
    const pool = moduleFromSpec({
      type: 'MaxPool2d',
      kernel_size: 3,
      stride: 2,
      padding: [
        [1, 1],
        [0, 1],
      ],
    }) as MaxPool2d;
    expect([pool.kernelSize, pool.stride, pool.padding]).toEqual([
      [3, 3],
      [2, 2],
      [
        [1, 1],
        [0, 1],
      ],
    ]);
    expect(moduleToSpec(pool)).toEqual({
      type: 'MaxPool2d',
      kernel_size: [3, 3],
      stride: [2, 2],
      padding: [
        [1, 1],
        [0, 1],
      ],
    });
    expect(moduleToSpec(moduleFromSpec({ type: 'AvgPool1d', kernel_size: 2, use_ceil: true }))).toEqual({
      type: 'AvgPool1d',
      kernel_size: [2],
      use_ceil: true,
    });
    for (const fn of ['ravel', 'log_softmax']) expect(moduleToSpec(moduleFromSpec({ type: 'Lambda', fn }))).toEqual({ type: 'Lambda', fn });
  });

  it('refuses malformed Module specs with E_INVALID_SPEC, and lists the known types for an unknown one', () => {
    const refused = (spec: unknown) =>
      expect(() => moduleFromSpec(spec as ModuleSpec)).toThrow(expect.objectContaining({ code: 'E_INVALID_SPEC' }));
    refused({ type: 'Module', children: {} });
    refused({ type: 'Module', name: 'Net', children: [lin(3, 3)] });
    refused({ type: 'Module', name: 'Net', children: {}, layers: [] });
    refused({ type: 'Module', name: 'Net', children: { 'conv-1': lin(3, 3) } });
    refused({ type: 'Module', name: 'Net', children: { fc: lin(3, 3) }, forward: ['fc2'] });
    refused({ type: 'Module', name: 'Net', children: {}, forward: [{ fn: 'swirl' }] });
    refused({ type: 'MaxPool2d', kernel_size: 2, padding: 'SAME' });
    expect(() => moduleFromSpec({ type: 'MaxPool' })).toThrow(/MaxPool1d, MaxPool2d, MaxPool3d, Module/);
  });
});
