import { createConversionContext, Tensor } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { EqxNode } from '../adapter.js';
import { goldenCase, tester } from '../__fixtures__/mapping.js';
import { GroupNorm } from '../modules/group-norm.js';
import { groupNorm } from './group-norm.js';

tester.run(groupNorm, {
  valid: ['groupnorm', 'groupnorm_no_affine', 'groupnorm_spatial'].map(goldenCase),
  invalid: [
    {
      name: 'a sample input with 6 channels for channels=8',
      layer: new EqxNode(new GroupNorm(2, 8)),
      sampleInput: [5, 6],
      error: 'E_SHAPE_MISMATCH',
    },
    {
      name: 'channels=None without a sample input',
      layer: new EqxNode(new GroupNorm(2, { channelwiseAffine: false })),
      error: 'E_MISSING_SHAPE',
    },
  ],
});

describe('GroupNorm ↔ group-norm', () => {
  const ctx = createConversionContext({ framework: 'equinox', direction: 'fromIR' });
  it('channels=None reads its channel count from the channels-last sample input', () => {
    const toCtx = createConversionContext({ framework: 'equinox', direction: 'toIR', inputShape: [5, 5, 8] });
    expect(groupNorm.toIR(new EqxNode(new GroupNorm(2, { channelwiseAffine: false })), toCtx).params.channels).toBe(8);
  });
  it('an IR with a scale only gets a zero bias (Equinox has one affine switch)', () => {
    const scale = Tensor.fromArray([1, 2, 3, 4], [4], 'float32');
    const m = groupNorm.fromIR(
      { kind: 'group-norm', params: { channels: 4, numGroups: 2, epsilon: 1e-6, variance: 'fast' }, tensors: { scale } },
      ctx,
    ).module as GroupNorm;
    expect(Array.from(m.bias!.toFloat32())).toEqual([0, 0, 0, 0]);
    expect(m.weight).toBe(scale);
  });
});
