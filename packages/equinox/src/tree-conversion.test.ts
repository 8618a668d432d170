import { createRegistry } from '@interop/core';
import type { LayerIR, ModuleIR, Tensor } from '@interop/core';
import { allclose, runIR } from '@interop/runtime';
import { describe, expect, it } from 'vitest';
import { treeCase } from './__fixtures__/trees.js';
import equinox from './index.js';
import { toChannelsFirst, toChannelsLast } from './layout.js';
import type { Module } from './module.js';
import type { State } from './state.js';
import { treeSerialiseLeaves } from './tree.js';
import { vmapCall } from './vmap.js';

const registry = () => createRegistry().use(equinox);
const SAMPLES: Record<string, number[] | undefined> = {
  cnn_tutorial: [12, 12, 1],
  cnn_fields: [12, 12, 1],
  autoencoder: undefined,
  resblock: [6, 6, 4],
  resnet_projection: [8, 8, 3],
};

function read(name: string) {
  const c = treeCase(name);
  const input = c.state ? [c.model, c.state] : c.model;
  return { ...c, input };
}

describe('Equinox module trees through the IR', () => {
  it.each(Object.keys(SAMPLES))('%s: the IR computes what Equinox computed (channels-last, flatten rows reordered)', (name) => {
    const { fixture, input } = read(name);
    const ir = registry().toIR(input, 'equinox', SAMPLES[name] ? { sampleInput: SAMPLES[name] } : {}) as ModuleIR;
    expect(ir.kind).toBe('module');
    const a = fixture.arrays;
    const y = toChannelsFirst(runIR(ir as unknown as LayerIR, toChannelsLast(a.batch_input!, true)), true);
    expect(allclose(y, a.batch_output!, fixture.manifest.tolerance!)).toBe(true);
  });

  it.each(Object.keys(SAMPLES))('%s: Equinox → IR → Equinox keeps every leaf byte and the outputs', (name) => {
    const { fixture, bytes, input } = read(name);
    const reg = registry();
    const ir = reg.toIR(input, 'equinox', SAMPLES[name] ? { sampleInput: SAMPLES[name] } : {});
    const back = reg.fromIR(ir, 'equinox');
    expect(Buffer.from(treeSerialiseLeaves(back)).equals(Buffer.from(bytes))).toBe(true);
    const [model, state] = (Array.isArray(back) ? back : [back, null]) as [Module, State | null];
    const a = fixture.arrays;
    const y = state ? (vmapCall(model, a.batch_input!, state) as [Tensor])[0] : (vmapCall(model, a.batch_input!) as Tensor);
    expect(allclose(y, a.batch_output!, fixture.manifest.tolerance!)).toBe(true);
  });

  it('reorders the Linear after the flatten: the IR kernel rows are H·W·C', () => {
    const { model } = read('cnn_fields');
    const ir = registry().toIR(model, 'equinox', { sampleInput: [12, 12, 1] }) as ModuleIR;
    const linear = ir.children.find((c) => c.name === 'linear1') as unknown as { node: LayerIR };
    const weight = (model as unknown as { children: { linear1: { weight: Tensor } } }).children.linear1.weight;
    const kernel = linear.node.tensors as { kernel: Tensor };
    // Equinox column (c*8 + h)*8 + w is IR row (h*8 + w)*3 + c.
    const [c, h, w] = [2, 5, 1];
    expect(kernel.kernel.toFloat64()[((h * 8 + w) * 3 + c) * 32 + 7]).toBe(weight.toFloat64()[7 * 192 + (c * 8 + h) * 8 + w]);
  });

  it('refuses a flatten it cannot reorder: no sample input (E_MISSING_ARCH naming the Linear)', () => {
    const { model } = read('cnn_fields');
    expect(() => registry().toIR(model, 'equinox')).toThrow(
      expect.objectContaining({ code: 'E_MISSING_ARCH', message: expect.stringContaining('linear1') }),
    );
  });

  it("reads the tutorial's jnp.ravel layer with the Linear after it reordered, as for a flatten step", () => {
    const [tutorial, fields] = ['cnn_tutorial', 'cnn_fields'].map(
      (n) => registry().toIR(read(n).model, 'equinox', { sampleInput: [12, 12, 1] }) as ModuleIR,
    ) as [ModuleIR, ModuleIR];
    const list = (tutorial.children[0] as unknown as { items: LayerIR[] }).items;
    const field = fields.children.find((c) => c.name === 'linear1') as unknown as { node: LayerIR };
    expect(list.map((n) => n.kind)).toEqual([
      'conv',
      'pool',
      'activation',
      'flatten',
      'linear',
      'activation',
      'linear',
      'activation',
      'linear',
      'softmax',
    ]);
    expect((list[4]!.tensors as { kernel: Tensor }).kernel.equals((field.node.tensors as { kernel: Tensor }).kernel)).toBe(true);
  });

  it("refuses the tutorial's ravel without a sample input (E_MISSING_ARCH naming the Linear), and another reader of it", () => {
    const { model } = read('cnn_tutorial');
    expect(() => registry().toIR(model, 'equinox')).toThrow(
      expect.objectContaining({ code: 'E_MISSING_ARCH', message: expect.stringContaining('layers/4') }),
    );
    const tree = model as unknown as { children: { layers: Module[] }; replace(p: Record<string, unknown>): Module };
    const layers = tree.children.layers;
    const noLinear = tree.replace({ layers: [...layers.slice(0, 4), layers[9]!] });
    expect(() => registry().toIR(noLinear, 'equinox', { sampleInput: [12, 12, 1] })).toThrow(
      expect.objectContaining({ code: 'E_UNSUPPORTED_STRUCTURE', message: expect.stringContaining('layers/4') }),
    );
  });

  it('builds a flatten layer as Lambda(jnp.ravel) with the Linear after it in C·H·W order, and refuses one nothing can reorder', () => {
    const reg = registry();
    const ir = reg.toIR(read('cnn_tutorial').model, 'equinox', { sampleInput: [12, 12, 1] }) as ModuleIR;
    const back = reg.fromIR(ir, 'equinox') as Module;
    const { model } = read('cnn_tutorial');
    const layers = (m: Module) => (m as unknown as { children: { layers: Array<{ weight?: Tensor; fn?: string }> } }).children.layers;
    expect(layers(back)[3]!.fn).toBe('ravel');
    expect(layers(back)[4]!.weight!.equals(layers(model)[4]!.weight!)).toBe(true);
    const items = (ir.children[0] as unknown as { items: LayerIR[] }).items;
    const noReader = { ...ir, children: [{ name: 'layers', items: items.slice(0, 4) }] } as ModuleIR;
    expect(() => reg.fromIR(noReader, 'equinox')).toThrow(expect.objectContaining({ code: 'E_UNSUPPORTED_STRUCTURE' }));
  });
});
