import { Tensor, createRegistry } from '@interop/core';
import type { ConvIR } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { golden } from '../__fixtures__/golden.js';
import { tester } from '../__fixtures__/tester.js';
import brainstate from '../index.js';
import { Conv1d, Conv2d } from '../modules/conv.js';
import { LayerNorm } from '../modules/layer-norm.js';
import { Sequential } from '../modules/sequential.js';
import type { Conv } from '../modules/conv.js';
import { conv1d, conv2d, conv3d } from './conv.js';

const valid = (names: string[]) =>
  names.map((name) => {
    const { module, fixture } = golden(name);
    const input = fixture.arrays.input!;
    const sampleInput = (module as Conv).inSize;
    return { name, layer: module as Conv, input, sampleInput };
  });

const causal: ConvIR = {
  kind: 'conv',
  params: {
    inFeatures: 3,
    outFeatures: 2,
    kernelSize: [3],
    strides: [1],
    padding: 'CAUSAL',
    paddingMode: 'zeros',
    inputDilation: [1],
    kernelDilation: [2],
    featureGroups: 1,
  },
  tensors: { kernel: Tensor.zeros([3, 3, 2], 'float32') },
};

tester.run(conv1d, {
  valid: valid(['conv1d_same', 'conv1d_valid_stride', 'conv1d_causal_pair']),
  invalid: [
    { name: 'no sample input to take in_size from', ir: causal, error: 'E_MISSING_SHAPE' },
    { name: 'sample input with 4 channels for a 3-channel kernel', ir: causal, sampleInput: [8, 4], error: 'E_CONVERSION' },
    {
      name: 'circular padding',
      ir: { ...causal, params: { ...causal.params, paddingMode: 'circular' } } as ConvIR,
      sampleInput: [8, 3],
      error: 'E_CONVERSION',
    },
    { name: 'a sample input other than in_size', layer: new Conv1d([8, 3], 5, 3), sampleInput: [9, 3], error: 'E_SHAPE_MISMATCH' },
  ],
});
tester.run(conv2d, {
  valid: valid([
    'conv2d_same',
    'conv2d_bf16',
    'conv2d_dilation',
    'conv2d_explicit_stride',
    'conv2d_groups',
    'conv2d_int_padding',
    'conv2d_lhs_dilation',
    'conv2d_unbatched',
    'conv2d_valid_no_bias',
  ]),
});
tester.run(conv3d, { valid: valid(['conv3d_same', 'conv3d_valid_groups']) });

describe('Conv ↔ conv', () => {
  it('bias (1, …, 1, out) ↔ (out,); padding, dilations and groups carried', () => {
    const { module } = golden('conv2d_explicit_stride');
    const ir = conv2d.toIR(module as Conv2d, { inputShape: undefined } as never);
    expect(ir.tensors.bias!.shape).toEqual([4]);
    expect(ir.params).toMatchObject({
      strides: [2, 1],
      padding: [
        [1, 2],
        [0, 1],
      ],
      kernelDilation: [1, 1],
      featureGroups: 1,
    });
  });

  it("a CAUSAL IR builds BrainState's explicit pairs ((k-1)·dilation, 0)", () => {
    const ctx = { inputShape: [8, 3], requireInputShape: () => [8, 3] } as never;
    const layer = conv1d.fromIR(causal, ctx) as Conv1d;
    expect(layer.padding).toEqual([[4, 0]]);
    expect(layer.outSize).toEqual([8, 2]);
  });

  it('Conv → LayerNorm → Conv keeps its spatial sizes (the anchor loses them at the norm)', () => {
    const registry = createRegistry().use(brainstate);
    const stack = new Sequential(
      new Conv2d([6, 6, 3], 4, 3, { bInit: 'ZeroInit' }),
      new LayerNorm(4),
      new Conv2d([6, 6, 4], 2, 3, { padding: 'VALID' }),
    );
    const ir = registry.toIR(stack, 'brainstate', { sampleInput: [6, 6, 3] });
    const back = registry.fromIR(ir, 'brainstate', { sampleInput: [6, 6, 3] }) as Sequential;
    expect(back.layers.map((l) => l.inSize)).toEqual([[6, 6, 3], [4], [6, 6, 4]]);
    expect(back.outSize).toEqual([4, 4, 2]);
  });
});
