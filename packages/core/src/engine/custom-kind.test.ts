// Our version of the anchor's custom-mapping check (§6.1 test 43): a user-defined layer with a
// kind of its own converts between two frameworks, and a plugin's shape rule lets shapes flow
// through it.
import { describe, expect, it } from 'vitest';
import { AConv, AModule, ASequential, toyA } from '../__fixtures__/toy-a.js';
import { BModule, toyB } from '../__fixtures__/toy-b.js';
import { filled } from '../__fixtures__/tensors.js';
import { definePlugin, defineMapping } from '../registry/define.js';
import { createRegistry } from '../registry/registry.js';
import type { Tensor } from '../tensor/tensor.js';

class AScale extends AModule {
  constructor(public factor: Tensor) {
    super();
  }
}
class BScale extends BModule {
  constructor(public gain: Tensor) {
    super();
  }
}

const aScale = defineMapping({
  meta: { framework: 'toy-a', layer: 'AScale', ir: 'scale', status: 'experimental', description: 'Multiplies by a per-channel factor' },
  layerType: AScale,
  toIR: (m: AScale) => ({ kind: 'scale', params: {}, tensors: { factor: m.factor } }),
  fromIR: (ir) => new AScale(ir.tensors.factor!),
});
const bScale = defineMapping({
  meta: { framework: 'toy-b', layer: 'BScale', ir: 'scale', status: 'experimental', description: 'Multiplies by a per-channel gain' },
  layerType: BScale,
  toIR: (m: BScale) => ({ kind: 'scale', params: {}, tensors: { factor: m.gain } }),
  fromIR: (ir) => new BScale(ir.tensors.factor!),
});

describe('a custom layer kind', () => {
  it('converts a user layer from one framework to the other', () => {
    const r = createRegistry().use(toyA).use(toyB).registerLayerMapping(aScale).registerLayerMapping(bScale);
    const b = r.convert(new AScale(filled([4])), { from: 'toy-a', to: 'toy-b' });
    expect(b).toBeInstanceOf(BScale);
    expect((b as BScale).gain.equals(filled([4]))).toBe(true);
    expect(r.supportedLayers('toy-a')['toy-a']).toContain('AScale');
  });

  it('lets shapes flow through it when a plugin gives a shape rule', () => {
    AConv.seen = [];
    const model = new ASequential(new AScale(filled([3])), new AConv(filled([3, 3, 3, 2])));
    const addon = definePlugin({
      meta: { name: 'scale-addon', version: '1.0.0', framework: 'toy-a' },
      mappings: { AScale: aScale },
      shapes: { scale: (_ir, input) => (input ? [...input] : undefined) },
    });
    createRegistry()
      .use(toyA)
      .use(addon)
      .toIR(model, 'toy-a', { sampleInput: [8, 8, 3] });
    expect(AConv.seen).toEqual([[8, 8, 3]]);
    const withoutRule = createRegistry().use(toyA).registerLayerMapping(aScale);
    expect(() => withoutRule.toIR(model, 'toy-a', { sampleInput: [8, 8, 3] })).toThrow(/at layers\/1/);
  });
});
