import { Tensor } from '@interop/core';
import { createMappingTester } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { Scale } from '../brainstate-scale.js';
import { brainstateScale } from './brainstate.js';

const gains = Tensor.fromArray([0.5, -2, 3], [3], 'float32');
const x = Tensor.fromArray([1, 2, 3, -4, 0.25, 8], [2, 3], 'float32');

createMappingTester({ runLayer: (layer: Scale, input) => layer.call(input) }).run(brainstateScale, {
  valid: [
    { name: 'gains survive the round trip and the output is unchanged', layer: new Scale(3, gains), input: x },
    { name: 'default gains (ones)', layer: new Scale(3), input: x },
  ],
  invalid: [
    {
      name: 'an IR whose gains do not match the input size',
      ir: { kind: 'scale', params: { features: 3 }, tensors: { scale: gains } },
      sampleInput: [4],
      error: 'E_SHAPE_MISMATCH',
    },
  ],
});

describe('BrainState Scale', () => {
  it('multiplies each feature by its gain', () => {
    expect(new Scale(3, gains).call(x).toArray()).toEqual([0.5, -4, 9, -2, -0.5, 24]);
  });

  it('refuses an input with the wrong feature count, saying what it expected', () => {
    expect(() => new Scale(4).call(x)).toThrow(/4 features but the input's last axis has 3/);
  });
});
