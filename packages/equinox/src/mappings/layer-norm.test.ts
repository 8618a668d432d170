import { createConversionContext, Tensor } from '@interop/core';
import { runIR } from '@interop/runtime';
import { allclose } from '@interop/runtime';
import { describe, expect, it } from 'vitest';
import { EqxNode } from '../adapter.js';
import { goldenCase, tester } from '../__fixtures__/mapping.js';
import { toChannelsFirst, toChannelsLast } from '../layout.js';
import { LayerNorm } from '../modules/layer-norm.js';
import { layerNorm } from './layer-norm.js';

const names = ['layernorm', 'layernorm_2d_shape', 'layernorm_bf16', 'layernorm_no_affine', 'layernorm_no_bias', 'layernorm_no_weight'];
const ctx = createConversionContext({ framework: 'equinox', direction: 'toIR' });

// A spatial LayerNorm((C, H, W)) with distinct weights per position, so a wrong axis order shows.
const spatial = new LayerNorm([3, 2, 4]).replace({
  weight: Tensor.fromArray(
    Array.from({ length: 24 }, (_, i) => 0.5 + i / 10),
    [3, 2, 4],
    'float32',
  ),
  bias: Tensor.fromArray(
    Array.from({ length: 24 }, (_, i) => i / 7 - 1),
    [3, 2, 4],
    'float32',
  ),
});
const xs = Tensor.fromArray(
  Array.from({ length: 48 }, (_, i) => Math.sin(i * 1.3) * 2),
  [2, 3, 2, 4],
  'float32',
);

tester.run(layerNorm, {
  valid: [...names.map(goldenCase), { name: 'spatial (3, 2, 4)', layer: new EqxNode(spatial), sampleInput: [2, 4, 3], input: xs }],
  invalid: [
    {
      name: 'a sample input larger than the normalised shape',
      layer: new EqxNode(new LayerNorm([6])),
      sampleInput: [4, 6],
      error: 'E_SHAPE_MISMATCH',
    },
    {
      name: 'an IR layer norm over the last axis only of a (4, 6) example',
      ir: { kind: 'layer-norm', params: { featureShape: [6], epsilon: 1e-6, variance: 'fast' }, tensors: {}, inputShape: [4, 6] },
      sampleInput: [4, 6],
      error: 'E_SHAPE_MISMATCH',
    },
  ],
});

describe('LayerNorm ↔ layer-norm', () => {
  it('a spatial LayerNorm converts with the channel axis moved: the IR computes Equinox output channels-last', () => {
    const ir = layerNorm.toIR(new EqxNode(spatial), ctx);
    expect(ir.params.featureShape).toEqual([2, 4, 3]);
    const y = toChannelsFirst(runIR(ir, toChannelsLast(xs, true)), true);
    expect(allclose(y, spatial.callBatch(xs), { rtol: 1e-6, atol: 1e-6 })).toBe(true);
  });
});
