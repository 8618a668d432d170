import { Tensor } from '@interop/core';
import type { ConvIR } from '@interop/core';
import { key } from '@interop/runtime';
import { createMappingTester } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { LinenNode } from '../adapter.js';
import { Conv } from '../modules/conv.js';
import { conv } from './conv.js';
import { expectGolden, golden } from '../__fixtures__/golden.js';
import { bitsOf, linenInit } from '../__fixtures__/random-init.js';

const tester = createMappingTester({ runLayer: (node: LinenNode, x) => node.module.apply(node.variables, x) });
const cases = [
  'conv1d_causal',
  'conv1d_same',
  'conv1d_valid_stride',
  'conv2d_circular',
  'conv2d_dilation',
  'conv2d_explicit_stride',
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
  valid: cases.map((name) => {
    const { module, variables, fixture } = golden(name);
    const input = fixture.arrays.input!;
    return { name, layer: new LinenNode(module, variables), input, sampleInput: input.shape.slice(1) };
  }),
  invalid: [
    { name: 'replicate padding', ir: replicate, error: 'E_CONVERSION' },
    {
      name: 'circular padding of other amounts',
      ir: { ...replicate, params: { ...replicate.params, paddingMode: 'circular', padding: [[2, 0]] } },
      error: 'E_CONVERSION',
    },
  ],
});

describe('Conv against flax.linen', () => {
  it.each(cases)('%s: output and msgpack bytes', (name) => expectGolden(name));

  it('init(key(0), x) equals Python bit for bit', () => {
    const v = new Conv(5, [3, 3]).init(key(0), Tensor.zeros([1, 8, 8, 3], 'float32'));
    const want = linenInit('conv_5_3x3');
    expect(bitsOf(v.params!.kernel as Tensor)).toEqual(want.kernel!.bits);
    expect(bitsOf(v.params!.bias as Tensor)).toEqual(want.bias!.bits);
  });

  it("Linen's defaults; a bare int kernel size is refused as in Linen", () => {
    expect(new Conv(4, [3, 3])).toMatchObject({ strides: [1, 1], padding: 'SAME', featureGroupCount: 1, useBias: true });
    expect(() => new Conv(4, 3 as never)).toThrow(expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }));
  });
});
