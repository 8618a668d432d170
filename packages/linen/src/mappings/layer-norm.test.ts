import { createRegistry } from '@interop/core';
import type { LayerNormIR } from '@interop/core';
import { createMappingTester } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { LinenNode } from '../adapter.js';
import linen from '../index.js';
import { LayerNorm } from '../modules/layer-norm.js';
import { layerNorm } from './layer-norm.js';
import { expectGolden, golden } from '../__fixtures__/golden.js';

const tester = createMappingTester({ runLayer: (node: LinenNode, x) => node.module.apply(node.variables, x) });
const cases = ['layernorm', 'layernorm_no_affine', 'layernorm_no_bias', 'layernorm_no_scale'];

tester.run(layerNorm, {
  valid: cases.map((name) => {
    const { module, variables, fixture } = golden(name);
    const input = fixture.arrays.input!;
    return { name, layer: new LinenNode(module, variables), input, sampleInput: input.shape.slice(1) };
  }),
  invalid: [
    {
      name: 'two normalised axes',
      ir: { kind: 'layer-norm', params: { featureShape: [2, 3], epsilon: 1e-6, variance: 'fast' }, tensors: {} } as LayerNormIR,
      error: 'E_CONVERSION',
    },
  ],
});

describe('LayerNorm against flax.linen', () => {
  it.each(cases)('%s: output and msgpack bytes', (name) => expectGolden(name));

  it('without scale and bias re-imports, its size from the threaded input', () => {
    const registry = createRegistry().use(linen);
    const ir = registry.toIR([new LayerNorm({ useScale: false, useBias: false }), {}], 'linen', { sampleInput: [6] });
    expect((ir as LayerNormIR).params.featureShape).toEqual([6]);
    const [module, variables] = registry.fromIR(ir, 'linen') as [LayerNorm, object];
    expect(module).toMatchObject({ useScale: false, useBias: false, epsilon: 1e-6 });
    expect(variables).toEqual({});
  });

  it('without scale and bias and no input shape: E_MISSING_SHAPE', () => {
    const registry = createRegistry().use(linen);
    expect(() => registry.toIR([new LayerNorm({ useScale: false, useBias: false }), {}], 'linen')).toThrow(
      expect.objectContaining({ code: 'E_MISSING_SHAPE' }),
    );
  });

  it("Linen's defaults: epsilon 1e-6, fast variance, scale and bias", () => {
    expect(new LayerNorm()).toMatchObject({ epsilon: 1e-6, useFastVariance: true, useScale: true, useBias: true });
    expect(new LayerNorm(1e-3).epsilon).toBe(1e-3);
  });
});
