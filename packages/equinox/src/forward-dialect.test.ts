import { describe, expect, it } from 'vitest';
import { ModuleTree } from './modules/module-tree.js';
import { moduleFromSpec } from './spec.js';
import type { ModuleSpec } from './spec.js';
import { moduleToSpec } from './to-spec.js';

const conv = { type: 'Conv2d', in_channels: 3, out_channels: 4, kernel_size: [3, 3] };
const tree = (forward: unknown[], children: Record<string, unknown> = { conv }): ModuleSpec => ({
  type: 'Module',
  name: 'Net',
  children,
  forward,
});
const ops = (spec: ModuleSpec) =>
  (moduleFromSpec(spec) as ModuleTree).forward!.filter((s) => 'op' in s).map((s) => ('op' in s ? s.op : null));

describe("Equinox's forward dialect: axes of one channels-first example", () => {
  it('moves mean and softmax axes of a (C, H, W) example channels-last, and back when writing the spec', () => {
    const spec = tree(['conv', { fn: 'mean', axis: [1, 2], keepdims: true }, { fn: 'softmax', axis: 0 }, { fn: 'log_softmax' }]);
    expect(ops(spec).map((o) => o!.params)).toEqual([
      { axes: [0, 1], keepdims: true },
      { axis: 2, log: false },
      { axis: -2, log: true },
    ]);
    expect(moduleToSpec(moduleFromSpec(spec)).forward).toEqual(spec.forward);
  });

  it('keeps axes of a vector (rank 1) as they are', () => {
    const spec = tree(['fc', { fn: 'softmax', axis: -1 }], { fc: { type: 'Linear', in_features: 3, out_features: 2 } });
    expect(ops(spec)[0]!.params).toEqual({ axis: -1, log: false });
  });

  it('follows the rank into nested modules called after a conv', () => {
    const head = {
      type: 'Module',
      name: 'Head',
      children: { fc: { type: 'Linear', in_features: 4, out_features: 2 } },
      forward: [{ fn: 'mean', axis: [-2, -1] }, 'fc'],
    };
    const net = moduleFromSpec(tree(['conv', 'head'], { conv, head })) as ModuleTree;
    const inner = (net.children.head as ModuleTree).forward![0]!;
    expect('op' in inner && inner.op.params).toEqual({ axes: [-3, -2], keepdims: false });
    expect((moduleToSpec(net).children as Record<string, ModuleSpec>).head!.forward).toEqual(head.forward);
  });

  it('reads a reshape to one axis as jnp.ravel (a flatten)', () => {
    expect(ops(tree(['conv', { fn: 'reshape', shape: [-1] }]))[0]!.kind).toBe('flatten');
  });

  it('refuses what has no channels-last equivalent, naming the step', () => {
    const refused = (forward: unknown[]) =>
      expect(() => moduleFromSpec(tree(forward))).toThrow(expect.objectContaining({ code: 'E_INVALID_SPEC' }));
    refused(['conv', { fn: 'reshape', shape: [4, -1] }]);
    refused(['conv', { fn: 'mean', axis: 0 }]);
    refused([{ fn: 'mean', axis: [1, 2] }, 'conv']);
    expect(() => moduleFromSpec(tree(['conv', { fn: 'reshape', shape: [4, -1] }]))).toThrow(/forward\/1/);
  });

  it('refuses to write a channels-last reshape of a feature map (E_CONVERSION): Equinox would reshape (C, H, W)', () => {
    const net = moduleFromSpec(tree(['conv'])) as ModuleTree;
    const hwc = new ModuleTree('Net', net.children, [...net.forward!, { op: { kind: 'reshape', params: { shape: [-1] }, tensors: {} } }]);
    expect(() => moduleToSpec(hwc)).toThrow(expect.objectContaining({ code: 'E_CONVERSION' }));
  });
});
