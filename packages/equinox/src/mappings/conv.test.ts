import { createConversionContext } from '@interop/core';
import type { ConvIR } from '@interop/core';
import { key } from '@interop/runtime';
import { describe, expect, it } from 'vitest';
import { EqxNode } from '../adapter.js';
import { goldenCase, tester } from '../__fixtures__/mapping.js';
import { Conv, Conv2d } from '../modules/conv.js';
import { conv } from './conv.js';

const names = [
  'conv1d_causal_pairs',
  'conv1d_same',
  'conv1d_valid_stride',
  'conv2d_bf16',
  'conv2d_circular',
  'conv2d_default',
  'conv2d_explicit_stride',
  'conv2d_f16',
  'conv2d_groups',
  'conv2d_int_padding_dilation',
  'conv2d_reflect',
  'conv2d_replicate',
  'conv2d_same_lower',
  'conv2d_same_no_bias',
  'conv3d_same',
  'conv3d_valid_groups',
];
const conv2d = new Conv2d(3, 4, 3, { key: key(0) });
const lhs = { ...conv.toIR(new EqxNode(conv2d), createConversionContext({ framework: 'equinox', direction: 'toIR' })) } as ConvIR;
lhs.params = { ...lhs.params, inputDilation: [2, 2] };

tester.run(conv, {
  valid: names.map(goldenCase),
  invalid: [
    { name: 'input (lhs) dilation', ir: lhs, error: 'E_CONVERSION' },
    {
      name: 'a sample input with 5 channels for in_channels=3',
      layer: new EqxNode(conv2d),
      sampleInput: [8, 8, 5],
      error: 'E_SHAPE_MISMATCH',
    },
    { name: 'a channels-first sample input', layer: new EqxNode(conv2d), sampleInput: [3, 8, 8], error: 'E_SHAPE_MISMATCH' },
  ],
});

describe('Conv ↔ conv', () => {
  const ctx = createConversionContext({ framework: 'equinox', direction: 'fromIR' });
  it('OIHW weight ↔ HWIO kernel, (out, 1, 1) bias ↔ (out,)', () => {
    const ir = conv.toIR(new EqxNode(conv2d), ctx);
    expect(ir.tensors.kernel!.shape).toEqual([3, 3, 3, 4]);
    expect(ir.tensors.bias!.shape).toEqual([4]);
    const back = conv.fromIR(ir, ctx).module as Conv;
    expect([back.type, back.weight.shape, back.bias!.shape]).toEqual(['Conv2d', [4, 3, 3, 3], [4, 1, 1]]);
  });
  it('CAUSAL (1-D) becomes its explicit pair', () => {
    const ir = conv.toIR(new EqxNode(new Conv(1, 2, 2, 3, { dilation: 2, key: key(1) })), ctx);
    const back = conv.fromIR({ ...ir, params: { ...ir.params, padding: 'CAUSAL' } }, ctx).module as Conv;
    expect(back.padding).toEqual([[4, 0]]);
  });
});
