import { Tensor } from '@interop/core';
import type { ConvIR } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { Conv } from '../modules/conv.js';
import { Rngs } from '../rngs.js';
import { goldenCases, tester } from '../__fixtures__/mapping.js';
import { conv } from './conv.js';

const cases = [
  'conv1d_causal',
  'conv1d_same',
  'conv1d_valid_stride',
  'conv2d_bf16',
  'conv2d_circular',
  'conv2d_dilation',
  'conv2d_explicit_stride',
  'conv2d_f16',
  'conv2d_groups',
  'conv2d_input_dilation',
  'conv2d_int_padding',
  'conv2d_reflect',
  'conv2d_same',
  'conv2d_same_lower',
  'conv2d_valid_no_bias',
  'conv3d_same',
  'conv3d_valid_groups',
];
const replicate: ConvIR = {
  kind: 'conv',
  params: {
    inFeatures: 1,
    outFeatures: 1,
    kernelSize: [3],
    strides: [1],
    padding: [[1, 1]],
    paddingMode: 'replicate',
    inputDilation: [1],
    kernelDilation: [1],
    featureGroups: 1,
  },
  tensors: { kernel: Tensor.zeros([3, 1, 1], 'float32') },
};

tester.run(conv, {
  valid: goldenCases(cases),
  invalid: [
    { name: 'replicate padding', ir: replicate, error: 'E_CONVERSION' },
    {
      name: 'input dilation with SAME padding',
      ir: { ...replicate, params: { ...replicate.params, paddingMode: 'zeros', padding: 'SAME', inputDilation: [2] } },
      error: 'E_CONVERSION',
    },
    {
      name: 'circular padding of other amounts',
      ir: { ...replicate, params: { ...replicate.params, paddingMode: 'circular', padding: [[2, 0]] } },
      error: 'E_CONVERSION',
    },
  ],
});

describe('Conv ↔ conv', () => {
  it('input dilation (transposed-style) is kept exactly both ways', () => {
    const [c] = goldenCases(['conv2d_input_dilation']);
    const ir = conv.toIR(c!.layer as Conv, {} as never) as ConvIR;
    expect(ir.params.inputDilation).toEqual([2, 2]);
    expect((conv.fromIR(ir, {} as never) as Conv).inputDilation).toEqual([2, 2]);
  });

  it("NNX's defaults and refusals (CAUSAL outside 1-D, unknown padding)", () => {
    const rngs = new Rngs(0);
    expect(new Conv(3, 4, [3, 3], { rngs })).toMatchObject({
      strides: [1, 1],
      padding: 'SAME',
      inputDilation: [1, 1],
      kernelDilation: [1, 1],
      featureGroupCount: 1,
      useBias: true,
    });
    expect(new Conv(3, 4, [3, 3], 2, { rngs }).strides).toEqual([2, 2]);
    expect(() => new Conv(3, 4, [3, 3], { rngs, padding: 'CAUSAL' })).toThrow(expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }));
    expect(() => new Conv(3, 4, [3, 3], { rngs, padding: 'FULL' })).toThrow(expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }));
  });
});
