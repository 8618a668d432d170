import type { LayerNormIR } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { golden } from '../__fixtures__/golden.js';
import { tester } from '../__fixtures__/tester.js';
import { LayerNorm } from '../modules/layer-norm.js';
import { layerNorm } from './layer-norm.js';

const cases = ['layernorm', 'layernorm_bf16', 'layernorm_no_affine', 'layernorm_no_bias', 'layernorm_no_scale'];

tester.run(layerNorm, {
  valid: cases.map((name) => {
    const { module, fixture } = golden(name);
    return { name, layer: module as LayerNorm, input: fixture.arrays.input, sampleInput: [6] };
  }),
  invalid: [
    {
      name: 'two normalised axes',
      ir: { kind: 'layer-norm', params: { featureShape: [2, 3], epsilon: 1e-6, variance: 'fast' }, tensors: {} } as LayerNormIR,
      error: 'E_CONVERSION',
    },
    { name: 'a sample input with other channels', layer: new LayerNorm(6), sampleInput: [5], error: 'E_SHAPE_MISMATCH' },
  ],
});

describe('LayerNorm ↔ layer-norm', () => {
  it("BrainState's defaults: epsilon 1e-6, fast variance; a two-pass IR builds use_fast_variance=False", () => {
    expect(layerNorm.toIR(new LayerNorm(6), {} as never).params).toEqual({ featureShape: [6], epsilon: 1e-6, variance: 'fast' });
    const built = layerNorm.fromIR(
      { kind: 'layer-norm', params: { featureShape: [6], epsilon: 1e-5, variance: 'two-pass' }, tensors: {} },
      {} as never,
    ) as LayerNorm;
    expect(built).toMatchObject({ useFastVariance: false, useScale: false, useBias: false, epsilon: 1e-5, weight: null });
  });
});
